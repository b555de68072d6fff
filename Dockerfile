# BrainGo in JupyterLab, also usable by Binder:
#
#   docker build -t braingo . && docker run --rm -p 8888:8888 braingo
#
# JupyterLab comes from Jupyter's docker-stacks base image, Go from the
# official Go image; the kernel, echarts.min.js and the warm Go build cache are
# installed by scripts/install.sh, the script the README's first command runs
# (packages as root, the kernel as the notebook user). JupyterLab opens on the
# tutorials.

FROM golang:1.26-bookworm AS go

FROM quay.io/jupyter/base-notebook:2025-03-14

COPY --from=go /usr/local/go /usr/local/go
ENV PATH=/usr/local/go/bin:/home/${NB_USER}/go/bin:${PATH} \
    GOTOOLCHAIN=local \
    BRAINGO_DIR=/home/${NB_USER}/braingo

USER root
COPY --chown=${NB_UID}:${NB_GID} . ${BRAINGO_DIR}
WORKDIR ${BRAINGO_DIR}
# Debian/Ubuntu packages the kernel needs (npm, to fetch echarts once); the
# image's own JupyterLab is kept.
RUN BRAINGO_SKIP_KERNEL=1 bash scripts/install.sh && rm -rf /var/lib/apt/lists/*

USER ${NB_UID}
# Builds the pinned gonb and BrainGo's goimports, installs gopls v0.23.0
# (completion), writes the braingo kernelspec into the user's Jupyter data
# directory, installs echarts.min.js for the classic notebook and JupyterLab,
# and warms the Go build cache by running cells through the installed kernel.
RUN BRAINGO_SKIP_APT=1 bash scripts/install.sh && go clean -testcache

WORKDIR ${BRAINGO_DIR}/tutorials
EXPOSE 8888
# The base image's start-notebook.py starts JupyterLab on port 8888 in the
# working directory; Binder runs its own command with the same image.
