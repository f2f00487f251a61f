/// The one stylesheet, served by the binary at /assets/app.css (no CDN: deployments may sit on a
/// government intranet). System fonts with CJK fallbacks; prints cleanly.
enum Stylesheet {
    static let css = """
        :root { --ink:#1f2933; --muted:#616e7c; --line:#d9e2ec; --brand:#b42318; --accent:#0b5cad; --ok:#0f7b3f; --bg:#f5f7fa; }
        * { box-sizing: border-box; }
        body { margin:0; font-family: "Noto Sans CJK SC","PingFang SC","Microsoft YaHei","Source Han Sans SC",system-ui,sans-serif; color:var(--ink); background:var(--bg); font-size:15px; line-height:1.6; }
        header.top { background:#fff; border-bottom:3px solid var(--brand); padding:.6rem 1.5rem; display:flex; align-items:center; gap:1.5rem; flex-wrap:wrap; }
        header.top .brand { font-weight:700; color:var(--brand); text-decoration:none; font-size:1.05rem; }
        header.top nav { display:flex; gap:.4rem 1rem; flex:1; flex-wrap:wrap; }
        header.top nav a { white-space:nowrap; }
        header.top nav a, header.top .who a { color:var(--accent); text-decoration:none; }
        header.top .who { color:var(--muted); font-size:.9rem; display:flex; gap:.8rem; align-items:center; }
        header.top form { display:inline; margin:0; }
        main { max-width:1180px; margin:1.5rem auto; padding:0 1.5rem; }
        h1 { font-size:1.4rem; margin:.2rem 0 1rem; } h2 { font-size:1.1rem; margin:1.6rem 0 .6rem; }
        .card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:1rem 1.2rem; margin-bottom:1rem; }
        .card > h2:first-child, .card > h1:first-child { margin-top:0; }
        table { width:100%; border-collapse:collapse; background:#fff; }
        th, td { text-align:left; padding:.45rem .6rem; border-bottom:1px solid var(--line); vertical-align:top; }
        th { background:#f0f4f8; font-weight:600; font-size:.9rem; }
        .badge { display:inline-block; padding:.05rem .55rem; border-radius:999px; background:#e6f0fa; color:var(--accent); font-size:.85rem; }
        .badge.final { background:#e8f5ee; color:var(--ok); }
        .badge.unread { background:#c0392b; color:#fff; margin-left:.25rem; }
        tr.unread { background:#fffbe6; }
        .muted { color:var(--muted); font-size:.9rem; }
        .grid { display:grid; grid-template-columns: minmax(0,3fr) minmax(0,2fr); gap:1rem; }
        @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
        form.action { border-top:1px solid var(--line); padding-top:.8rem; margin-top:.8rem; }
        form.action:first-of-type { border-top:none; margin-top:0; padding-top:0; }
        label { display:block; font-weight:600; margin:.5rem 0 .2rem; font-size:.92rem; }
        label .req { color:var(--brand); font-weight:400; margin-left:.3rem; font-size:.8rem; }
        input[type=text], input[type=password], input[type=date], input[type=number], select, textarea { width:100%; padding:.45rem .55rem; border:1px solid #bcccdc; border-radius:6px; font:inherit; background:#fff; }
        textarea { min-height:5rem; }
        input.invalid, select.invalid, textarea.invalid { border-color:var(--brand); background:#fff5f5; }
        .narrow { max-width:34rem; }
        .secret { font-family:ui-monospace,monospace; font-size:1.3rem; letter-spacing:.08em; }
        .field-error { color:var(--brand); font-size:.85rem; margin-top:.15rem; }
        .checkbox label { display:inline; font-weight:400; }
        button, .button { background:var(--accent); color:#fff; border:none; border-radius:6px; padding:.5rem 1.1rem; font:inherit; cursor:pointer; margin-top:.7rem; }
        button.secondary { background:#fff; color:var(--accent); border:1px solid var(--accent); }
        button.link { background:none; color:var(--accent); padding:0; margin:0; }
        .flash { padding:.7rem 1rem; border-radius:6px; margin-bottom:1rem; }
        .flash.error { background:#fff1f0; border:1px solid #f5b5ae; color:#8a1c11; }
        .flash.ok { background:#ecf8f1; border:1px solid #a6dcbc; color:#0d5c31; }
        .diagram { overflow:auto; background:#fff; border:1px solid var(--line); border-radius:8px; padding:.5rem; }
        .diagram svg { max-width:100%; height:auto; }
        dl.data { display:grid; grid-template-columns:fit-content(40%) 1fr; gap:.2rem 1rem; margin:0; }
        dl.data dt { color:var(--muted); } dl.data dd { margin:0; word-break:break-word; }
        ol.timeline { list-style:none; padding:0; margin:0; }
        ol.timeline li { border-left:3px solid var(--line); padding:.2rem 0 .7rem .9rem; position:relative; }
        ol.timeline li::before { content:""; position:absolute; left:-7px; top:.55rem; width:11px; height:11px; border-radius:50%; background:var(--accent); }
        .login { max-width:380px; margin:4rem auto; }
        .notice { background:#fff8e6; border:1px solid #f0d48a; padding:.7rem 1rem; border-radius:6px; }
        fieldset.field { border:1px solid var(--line); border-radius:6px; padding:.4rem .8rem; margin:.5rem 0; }
        fieldset.field legend { font-weight:600; font-size:.92rem; }
        .diff-add { display:block; background:#e6ffec; text-decoration:none; } .diff-del { display:block; background:#ffebe9; }
        .diff-same { color:var(--muted); }
        .filters { display:flex; flex-wrap:wrap; gap:.6rem; align-items:flex-end; margin-bottom:1rem; }
        .filters .field { min-width:10rem; } .filters button { margin-top:0; }
        form.inline { display:inline; margin:0; } form.inline button { margin-top:0; padding:.2rem .7rem; }
        .pre { white-space:pre-wrap; }
        .hp { position:absolute; left:-10000px; width:1px; height:1px; overflow:hidden; }
        .overdue { color:var(--brand); font-weight:600; }
        .pager { display:flex; gap:1rem; margin-top:.8rem; align-items:center; }
        .report td.num, .report th.num { text-align:right; font-variant-numeric:tabular-nums; }
        .taskbook { background:#fff; max-width:210mm; margin:0 auto; padding:18mm 16mm; border:1px solid var(--line); }
        .taskbook h1 { text-align:center; font-size:1.6rem; letter-spacing:.3rem; }
        .taskbook table { margin:.6rem 0; } .taskbook th { width:28%; }
        .taskbook .signatures td { height:4.5rem; vertical-align:bottom; }
        .taskbook.sheet { max-width:297mm; page:landscape; } .taskbook.sheet th { width:auto; }
        .taskbook.sheet td, .taskbook.sheet th { font-size:.85rem; }
        @page { size:A4; margin:15mm; } @page landscape { size:A4 landscape; }
        @media print { .taskbook { border:none; padding:0; max-width:none; } .no-print { display:none; } }
        @media print { header.top nav, header.top .who, form.action, button { display:none; } body { background:#fff; } .card { border:none; } }
        """
}
