/// The UI's only script, served by us at /assets/print.js: it makes the print buttons of the task
/// book and the monthly report work. The Content-Security-Policy (`default-src 'self'`, so only
/// scripts from our own origin run) blocks inline handlers such as `onclick="window.print()"`
/// (issue #11), so a print button is marked `data-action="print"` and wired here.
enum PrintScript {
    static let javascript = """
        document.addEventListener("click", function (event) {
          var button = event.target.closest && event.target.closest("[data-action=\\"print\\"]");
          if (button) { window.print(); }
        });
        """
}
