import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// `/training`: the sessions, the figures and — for those who hold sessions — the new-session form.
struct TrainingListView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    struct Model {
        var sessions: [TrainingSession]
        var figures: TrainingFigures
        var canManage: Bool
        var subIndustries: [SubIndustry]
        var zones: [Division]
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let rows = model.sessions.map { session -> HTML in
            let place = session.online ? "\(t(TrainingText.online))：\(session.place)" : session.place
            return """
                <tr data-session="\(session.id)"><td><a href="/training/sessions/\(session.id)">\(session.title)</a></td>\
                <td>\(t(session.audience.label))</td><td>\(session.organiserName)</td>\
                <td>\(Shanghai.dateTimeText(session.startsAt))</td><td>\(place)</td>\
                <td class="num">\(session.capacity)</td><td class="num">\(session.registered)</td>\
                <td class="num">\(session.attended)</td></tr>
                """
        }.joined()
        let table: HTML =
            model.sessions.isEmpty
            ? "<p class=\"muted\">\(t(TrainingText.none))</p>"
            : """
            <table id="training-sessions"><thead><tr><th>\(t(TrainingText.sessionTitle))</th><th>\(t(TrainingText.audience))</th>\
            <th>\(t(TrainingText.organiser))</th><th>\(t(TrainingText.date))</th><th>\(t(TrainingText.place))</th>\
            <th class="num">\(t(TrainingText.capacity))</th><th class="num">\(t(TrainingText.registered))</th>\
            <th class="num">\(t(TrainingText.attended))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        let form: HTML = model.canManage ? newForm(model) : .empty
        return layout.page(
            title: t(TrainingText.title), flash: flash,
            """
            <h1>\(t(TrainingText.title))</h1><p class="muted">\(t(TrainingText.intro))</p>
            <section class="card" id="training-figures"><h2>\(t(TrainingText.countsTitle))</h2>\
            \(TrainingFiguresView(language: layout.language).render(model.figures))
            <p><a href="/training/export.xlsx">\(t(TrainingText.export))</a></p></section>
            <section class="card"><h2>\(t(TrainingText.sessions))</h2>\(table)</section>
            \(form)
            """)
    }

    func newForm(_ model: Model) -> HTML {
        func value(_ name: String) -> String { model.typed[name] ?? "" }
        func error(_ name: String) -> HTML {
            model.errors.first { $0.field == name }.map { "<p class=\"field-error\">\(t($0.message))</p>" } ?? .empty
        }
        func option(_ value: String, _ label: String, _ selected: String) -> HTML {
            "<option value=\"\(value)\"\(HTML.attribute(" selected", if: value == selected))>\(label)</option>"
        }
        let audiences = TrainingAudience.allCases.map { option($0.rawValue, t($0.label), value("audience")) }.joined()
        let subs = model.subIndustries.map { option($0.id, t($0.name), value("sub_industry")) }.joined()
        let zones = model.zones.map { option($0.code.value, t($0.name), value("division")) }.joined()
        return """
            <section class="card" id="new-session"><h2>\(t(TrainingText.newSession))</h2>
            <form method="post" action="/training/sessions">\(layout.csrfField)
            <div class="field"><label for="s-title">\(t(TrainingText.sessionTitle))</label>\
            <input id="s-title" name="title" maxlength="100" value="\(value("title"))">\(error("title"))</div>
            <div class="field"><label for="s-audience">\(t(TrainingText.audience))</label><select id="s-audience" name="audience">\
            <option value=""></option>\(audiences)</select>\(error("audience"))</div>
            <div class="field"><label for="s-date">\(t(TrainingText.date))</label>\
            <input id="s-date" name="date" type="date" value="\(value("date"))">\(error("date"))</div>
            <div class="field"><label for="s-start">\(t(TrainingText.startTime))</label>\
            <input id="s-start" name="start_time" type="time" value="\(value("start_time"))">\(error("start_time"))</div>
            <div class="field"><label for="s-end">\(t(TrainingText.endTime))</label>\
            <input id="s-end" name="end_time" type="time" value="\(value("end_time"))">\(error("end_time"))</div>
            <div class="field"><label for="s-place">\(t(TrainingText.place))</label>\
            <input id="s-place" name="place" maxlength="200" value="\(value("place"))">\(error("place"))</div>
            <div class="field"><label><input type="checkbox" name="online"\
            \(HTML.attribute(" checked", if: value("online") == "on"))> \(t(TrainingText.online))</label></div>
            <div class="field"><label for="s-capacity">\(t(TrainingText.capacity))</label>\
            <input id="s-capacity" name="capacity" inputmode="numeric" value="\(value("capacity"))">\(error("capacity"))</div>
            <div class="field"><label for="s-sub">\(t(TrainingText.focusSubIndustry))</label><select id="s-sub" name="sub_industry">\
            <option value="">\(t(TrainingText.any))</option>\(subs)</select>\(error("sub_industry"))</div>
            <div class="field"><label for="s-zone">\(t(TrainingText.focusZone))</label><select id="s-zone" name="division">\
            <option value="">\(t(TrainingText.any))</option>\(zones)</select>\(error("division"))</div>
            <button type="submit">\(t(TrainingText.create))</button></form></section>
            """
    }
}

/// `/training/sessions/{id}`: the session; for its managers the list of names with attendance
/// (ticked here or imported from XLSX); for an enterprise its own people and the registration form.
struct TrainingSessionView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    struct Model {
        var session: TrainingSession
        var subIndustryName: LocalizedText?
        var zoneName: LocalizedText?
        var manages: Bool
        var registersFor: String?
        /// All of them for a manager, the enterprise's own for an enterprise, none for others.
        var registrations: [TrainingRegistration]
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
        var problems: [TrainingAttendanceImport.Problem] = []
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let session = model.session
        let left = max(0, session.capacity - session.registered)
        let focus = [model.subIndustryName, model.zoneName].compactMap { $0.map(t) }.joined(separator: " · ")
        let facts: HTML = """
            <dl class="facts">\
            <dt>\(t(TrainingText.audience))</dt><dd>\(t(session.audience.label))</dd>\
            <dt>\(t(TrainingText.organiser))</dt><dd>\(session.organiserName)</dd>\
            <dt>\(t(TrainingText.date))</dt><dd>\(Shanghai.dateTimeText(session.startsAt)) – \(Shanghai.dateTimeText(session.endsAt))</dd>\
            <dt>\(t(TrainingText.place))</dt><dd>\(session.online ? t(TrainingText.online) + "：" : "")\(session.place)</dd>\
            <dt>\(t(TrainingText.capacity))</dt><dd id="capacity">\(session.capacity)</dd>\
            <dt>\(t(TrainingText.registered))</dt><dd id="registered">\(session.registered)</dd>\
            <dt>\(t(TrainingText.placesLeft))</dt><dd id="places-left">\(left)</dd>\
            <dt>\(t(TrainingText.attended))</dt><dd id="attended">\(session.attended)</dd>\
            <dt>\(t(TrainingText.focusSubIndustry))</dt><dd>\(focus.isEmpty ? t(TrainingText.any) : focus)</dd></dl>
            """
        var parts: [HTML] = []
        if model.manages { parts.append(attendance(model)) }
        if model.registersFor != nil { parts.append(registration(model, left: left)) }
        return layout.page(
            title: session.title, flash: flash,
            """
            <p><a href="/training">\(t(TrainingText.title))</a></p><h1>\(session.title)</h1>\(facts)\(parts)
            """)
    }

    func registration(_ model: Model, left: Int) -> HTML {
        let own = model.registrations.map {
            "<tr><td>\($0.personName)</td><td>\($0.position)</td><td>\(t($0.audience.label))</td><td>\($0.attended ? "✓" : "" as String)</td></tr>"
                as HTML
        }.joined()
        let errors = model.errors.map { "<p class=\"field-error\">\(t($0.message))</p>" as HTML }.joined()
        let rows = (1...5).map { index -> HTML in
            func value(_ name: String) -> String { model.typed["\(name)_\(index)"] ?? "" }
            let options = TrainingAudience.allCases.map {
                "<option value=\"\($0.rawValue)\"\(HTML.attribute(" selected", if: value("audience") == $0.rawValue))>\(t($0.label))</option>"
                    as HTML
            }.joined()
            return """
                <tr><td><input name="person_name_\(index)" maxlength="40" value="\(value("person_name"))" aria-label="\(t(TrainingText.personName))"></td>\
                <td><input name="position_\(index)" maxlength="40" value="\(value("position"))" aria-label="\(t(TrainingText.position))"></td>\
                <td><select name="audience_\(index)" aria-label="\(t(TrainingText.audience))">\(options)</select></td></tr>
                """
        }.joined()
        return """
            <section class="card" id="registration"><h2>\(t(TrainingText.registerTitle))</h2>
            <p class="muted">\(t(TrainingText.registerHint))</p>\(errors)
            <form method="post" action="/training/sessions/\(model.session.id)/registrations">\(layout.csrfField)
            <table><thead><tr><th>\(t(TrainingText.personName))</th><th>\(t(TrainingText.position))</th>\
            <th>\(t(TrainingText.audience))</th></tr></thead><tbody>\(rows)</tbody></table>
            <button type="submit"\(HTML.attribute(" disabled", if: left == 0))>\(t(TrainingText.register))</button></form>
            <h3>\(t(TrainingText.yourRegistrations))</h3>
            <table id="own-registrations"><tbody>\(own)</tbody></table></section>
            """
    }

    func attendance(_ model: Model) -> HTML {
        let rows = model.registrations.map { registration -> HTML in
            """
            <tr><td><code>\(registration.id)</code></td><td>\(registration.enterpriseName)</td><td>\(registration.personName)</td>\
            <td>\(registration.position)</td><td>\(t(registration.audience.label))</td>\
            <td><input type="checkbox" name="attended[]" value="\(registration.id)"\
            \(HTML.attribute(" checked", if: registration.attended)) aria-label="\(t(TrainingText.attended))"></td></tr>
            """
        }.joined()
        let report: HTML =
            model.problems.isEmpty
            ? .empty
            : """
            <section id="import-report"><h3>\(t(TrainingText.report))</h3><table class="report"><thead><tr>\
            <th class="num">\(t(TrainingText.line))</th><th>\(t(TrainingText.column))</th><th>\(t(TrainingText.problem))</th>\
            </tr></thead><tbody>\(model.problems.prefix(2000).map { "<tr><td class=\"num\">\($0.line)</td><td>\($0.column)</td><td>\(t($0.message))</td></tr>" as HTML })\
            </tbody></table></section>
            """
        let id = model.session.id
        return """
            <section class="card" id="attendance"><h2>\(t(TrainingText.attendanceTitle))</h2>
            <form method="post" action="/training/sessions/\(id)/attendance">\(layout.csrfField)
            <table id="attendance-list"><thead><tr><th>\(t(TrainingText.registrationId))</th><th>\(t(TrainingText.enterprise))</th>\
            <th>\(t(TrainingText.personName))</th><th>\(t(TrainingText.position))</th><th>\(t(TrainingText.audience))</th>\
            <th>\(t(TrainingText.attended))</th></tr></thead><tbody>\(rows)</tbody></table>
            <button type="submit">\(t(TrainingText.saveAttendance))</button></form>
            <h3>\(t(TrainingText.importAttendance))</h3>
            <p><a href="/training/sessions/\(id)/attendance.xlsx">\(t(TrainingText.template))</a></p>
            <form method="post" enctype="multipart/form-data" action="/training/sessions/\(id)/attendance/import">\(layout.csrfField)
            <div class="field"><label for="a-file">\(t(TrainingText.file))</label>\
            <input type="file" id="a-file" name="file" accept=".xlsx,.csv" required></div>
            <button type="submit">\(t(TrainingText.check))</button></form>\(report)</section>
            """
    }
}
