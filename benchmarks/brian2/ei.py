"""Brian2 side of the BrainGo benchmark: the E/I networks of Brette et al. 2007.

Usage: ei.py MODEL N DURATION_MS THREADS SEED WORKDIR
MODEL is coba, cuba or cobahh. Runs in C++ standalone mode and prints one JSON
line: the simulation time Brian2 reports (code generation, compilation and
synapse creation excluded), the mean rate and the synapse count. THREADS 1
generates plain serial code (Brian2's openmp_threads = 0, its default and
fastest single-thread setting); THREADS > 1 runs that many OpenMP threads.
"""
import json
import sys
import time

from brian2 import (
    Equations, NeuronGroup, Synapses, SpikeMonitor, defaultclock, device, ms, mV,
    nS, prefs, run, seed, set_device, siemens, cm, msiemens, ufarad, umetre,
)


def lif_group(n, eqs, method):
    group = NeuronGroup(n, eqs, threshold="v > -50*mV", reset="v = -60*mV",
                        refractory=5 * ms, method=method)
    group.v = "-60*mV + rand() * 10*mV"
    return group


def coba(n):
    eqs = """
    dv/dt = (ge*(0*mV - v) + gi*(-80*mV - v) - (v + 60*mV) + 20*mV) / (20*ms) : volt (unless refractory)
    dge/dt = -ge / (5*ms) : 1
    dgi/dt = -gi / (10*ms) : 1
    """
    group = lif_group(n, eqs, "exponential_euler")
    return group, "ge += 0.6", "gi += 6.7"


def cuba(n):
    eqs = """
    dv/dt = (ge + gi - (v + 60*mV) + 20*mV) / (20*ms) : volt (unless refractory)
    dge/dt = -ge / (5*ms) : volt
    dgi/dt = -gi / (10*ms) : volt
    """
    group = lif_group(n, eqs, "exact")
    return group, "ge += 1.62*mV", "gi += -9*mV"


def cobahh(n):
    area = 20000 * umetre ** 2
    namespace = dict(
        Cm=(1 * ufarad * cm ** -2) * area, gl=(5e-5 * siemens * cm ** -2) * area,
        El=-60 * mV, EK=-90 * mV, ENa=50 * mV,
        g_na=(100 * msiemens * cm ** -2) * area, g_kd=(30 * msiemens * cm ** -2) * area,
        VT=-63 * mV, taue=5 * ms, taui=10 * ms, Ee=0 * mV, Ei=-80 * mV,
    )
    eqs = Equations("""
    dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = alpha_m*(1-m) - beta_m*m : 1
    dn/dt = alpha_n*(1-n) - beta_n*n : 1
    dh/dt = alpha_h*(1-h) - beta_h*h : 1
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
    beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
    alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
    beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
    alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
    beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
    """)
    group = NeuronGroup(n, eqs, threshold="v > -20*mV", refractory=3 * ms,
                        method="exponential_euler", namespace=namespace)
    group.v = "El + (randn()*5 - 5)*mV"
    group.ge = "(randn()*1.5 + 4) * 10*nS"
    group.gi = "(randn()*12 + 20) * 10*nS"
    return group, "ge += 6*nS", "gi += 67*nS"


def main():
    model, n, duration, threads, rng_seed, workdir = sys.argv[1:7]
    n, duration, threads, rng_seed = int(n), float(duration), int(threads), int(rng_seed)
    set_device("cpp_standalone", directory=workdir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = threads if threads > 1 else 0
    defaultclock.dt = 0.1 * ms
    seed(rng_seed)
    group, on_exc, on_inh = {"coba": coba, "cuba": cuba, "cobahh": cobahh}[model](n)
    n_exc = n * 4 // 5
    prob = 80.0 / n
    exc = Synapses(group[:n_exc], group, on_pre=on_exc)
    inh = Synapses(group[n_exc:], group, on_pre=on_inh)
    exc.connect(p=prob)
    inh.connect(p=prob)
    spikes = SpikeMonitor(group, record=False)
    run(duration * ms)
    started = time.time()
    device.build(directory=workdir, compile=True, run=True, debug=False)
    total = time.time() - started
    n_syn = len(exc) + len(inh)
    rate = spikes.num_spikes / n / (duration / 1000.0)
    print(json.dumps({
        "model": model, "n": n, "duration_ms": duration, "threads": threads,
        "sim_s": device._last_run_time, "build_and_run_s": total,
        "rate_hz": rate, "synapses": int(n_syn),
    }))


if __name__ == "__main__":
    main()
