import PilotDomain

struct ErrorView {
    var layout: Layout

    func render(status: Int, message: String) -> HTML {
        let back = layout.language == .zh ? "返回首页" : "Back to the start page"
        let body: HTML = """
            <div class="card"><h1>\(status)</h1><p id="error-message">\(message)</p><p><a href="\(AppPath.home.url)">\(back)</a></p></div>
            """
        return layout.page(title: String(status), body)
    }
}
