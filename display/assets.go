package display

import (
	"os"
	"strings"
)

// EchartsVersion is the version of the npm package "echarts" whose
// dist/echarts.min.js the install script puts where Jupyter serves it.
const EchartsVersion = "5.6.0"

// EchartsURLEnv names the environment variable that, when set, is tried
// first as the location of echarts.min.js: a full URL or a server path
// (tests point it at a file server of their own). Several locations may be
// given, separated by commas.
const EchartsURLEnv = "BRAINGO_ECHARTS_URL"

// echartsPaths are the locations, relative to the notebook server's base
// URL, where the install script puts echarts.min.js: as a classic-notebook
// extension (Notebook 6, nbclassic), and in JupyterLab's federated
// extension directory, whose files JupyterLab serves under lab/extensions/.
var echartsPaths = []string{
	"nbextensions/braingo/echarts.min.js",
	"lab/extensions/braingo/static/echarts.min.js",
}

// EchartsURLs returns the locations the chart script tries, in order: the
// ones in $BRAINGO_ECHARTS_URL, then the install locations. Relative
// entries are resolved in the browser against the notebook server's base
// URL (read from the page: data-base-url in the classic notebook, the
// page config's baseUrl in JupyterLab).
func EchartsURLs() []string {
	var urls []string
	for _, u := range strings.Split(os.Getenv(EchartsURLEnv), ",") {
		if u = strings.TrimSpace(u); u != "" {
			urls = append(urls, u)
		}
	}
	return append(urls, echartsPaths...)
}

// loaderJS is the chart script: a function of the chart's element id, the
// candidate URLs of echarts.min.js and a group name (charts of one group
// zoom and point together: ECharts connect). The library is loaded once per page
// (window.echarts; outputs that arrive while it loads queue on
// window.braingoEchartsQueue). The classic notebook has RequireJS, under
// which the ECharts UMD bundle registers as an AMD module instead of
// setting window.echarts, so there it is loaded with require(). When no
// location works, or drawing fails, the static SVG picture stays.
const loaderJS = `(function(id,urls,group){
var w=window,el=document.getElementById(id);if(!el)return;
function draw(ec){var box=document.createElement('div');try{
box.style.width='100%';box.style.height='100%';
var opt=JSON.parse(document.getElementById(id+'-option').textContent),st=el.querySelector('.braingo-static');
el.appendChild(box);var c=ec.init(box);c.setOption(opt);if(group){c.group=group;ec.connect(group);}if(st)el.removeChild(st);
}catch(e){if(box.parentNode)box.parentNode.removeChild(box);if(w.console)console.warn('BrainGo chart: static picture kept:',e);}}
if(w.echarts){draw(w.echarts);return;}
if(w.braingoEchartsQueue){w.braingoEchartsQueue.push(draw);return;}
var q=w.braingoEchartsQueue=[draw];
function done(ec){w.braingoEchartsQueue=null;if(!ec)return;w.echarts=w.echarts||ec;q.forEach(function(f){f(ec);});}
var base=document.body&&document.body.getAttribute('data-base-url'),cfg=document.getElementById('jupyter-config-data');
if(!base&&cfg){try{base=JSON.parse(cfg.textContent).baseUrl;}catch(e){}}
base=base||'/';if(base.slice(-1)!=='/')base+='/';
var list=urls.map(function(u){return /^([a-z][a-z0-9+.-]*:|\/)/i.test(u)?u:base+u;});
var amd=typeof w.define==='function'&&w.define.amd&&typeof w.require==='function';
(function next(i){if(i>=list.length){done(null);return;}var u=list[i];
if(amd){w.require([u],function(ec){ec?done(ec):next(i+1);},function(){if(w.requirejs&&w.requirejs.undef)w.requirejs.undef(u);next(i+1);});return;}
var s=document.createElement('script');s.src=u;
s.onload=function(){w.echarts?done(w.echarts):next(i+1);};
s.onerror=function(){s.parentNode.removeChild(s);next(i+1);};
document.head.appendChild(s);})(0);
})`
