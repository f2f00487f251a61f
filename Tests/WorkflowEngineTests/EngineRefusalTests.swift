import Foundation
import PilotDomain
import Testing
import WorkflowEngine

@Suite("The engine decides or refuses, for every reason")
struct EngineRefusalTests {
    let engine = Engine()

    func decide(
        _ transition: String, state: String, actor: Actor, input: [String: JSONValue] = [:], version: Int? = nil,
        data: [String: JSONValue] = [:], participants: [String: [Participant]] = [:], rules: [String: JSONValue] = [:]
    ) throws -> Result<Decision, Refusal> {
        engine.decide(
            Command(instanceId: "prj_1", transitionId: transition, input: input, expectedVersion: version),
            instance: Fixtures.instance(state: state, version: 3, data: data, participants: participants),
            definition: try Fixtures.small, actor: actor, now: Fixtures.start, rules: RuleBook(rules))
    }

    @Test("a valid command yields the new state, normalised input, an event and a participant")
    func decides() throws {
        let decision = try decide("submit_plan", state: "draft", actor: Fixtures.contractor, input: Fixtures.validPlan).get()
        #expect(decision.toState == "submitted")
        #expect(decision.newVersion == 4)
        #expect(decision.input["total_cost"] == .int(100_000_000))
        #expect(decision.input["on_cloud"] == .bool(true))
        #expect(decision.data["summary"] == .string("上云改造"))
        #expect(decision.events.map(\.type) == ["plan_filed"])
        #expect(decision.events.first?.sequence == 1)
        #expect(decision.participants["submit_plan"]?.first?.userId == "u_contractor")
    }

    @Test("unknown transition")
    func unknownTransition() throws {
        #expect(try decide("fly", state: "draft", actor: Fixtures.contractor) == .failure(.unknownTransition("fly")))
    }

    @Test("not allowed in this state")
    func wrongState() throws {
        let result = try decide("approve", state: "draft", actor: Fixtures.district, input: ["opinion": "ok"])
        #expect(result == .failure(.notAllowedInState(transition: "approve", state: "draft")))
    }

    @Test("role not permitted")
    func wrongRole() throws {
        let result = try decide("submit_plan", state: "draft", actor: Fixtures.district, input: Fixtures.validPlan)
        guard case .failure(.roleNotPermitted(let transition, let allowed)) = result else {
            Issue.record("expected roleNotPermitted, got \(result)")
            return
        }
        #expect(transition == "submit_plan")
        #expect(allowed == [.mainContractor])
    }

    @Test("a contractor of another sub-industry is out of scope")
    func outOfScope() throws {
        let other = Fixtures.actor("u_other", .mainContractor, scope: .subIndustry("sub_b"), organisation: "org_other")
        let result = try decide("submit_plan", state: "draft", actor: other, input: Fixtures.validPlan)
        #expect(result == .failure(.outOfScope(transition: "submit_plan")))
    }

    @Test("separation of duties: same person, same organisation, and the principal of a delegate")
    func separationOfDuties() throws {
        let filed = ["submit_plan": [Participant(userId: "u_filer", organisationId: "org_contractor")]]
        let samePerson = Fixtures.actor(
            "u_filer", .districtOfficial, scope: .programme(Fixtures.programme), organisation: "org_x")
        let sameOrganisation = Fixtures.actor(
            "u_colleague", .districtOfficial, scope: .programme(Fixtures.programme), organisation: "org_contractor")
        let delegate = Fixtures.actor(
            "u_delegate", .districtOfficial, scope: .programme(Fixtures.programme), organisation: "org_y", principal: "u_filer")
        for actor in [samePerson, sameOrganisation, delegate] {
            let result = try decide("approve", state: "submitted", actor: actor, input: ["opinion": "同意"], participants: filed)
            guard case .failure(.separationOfDuties(let message)) = result else {
                Issue.record("expected SoD refusal for \(actor.userId), got \(result)")
                continue
            }
            #expect(message.zh.contains("不得审批"))
        }
        let unrelated = try decide(
            "approve", state: "submitted", actor: Fixtures.district, input: ["opinion": "同意"], participants: filed)
        #expect((try? unrelated.get())?.toState == "publicity")
    }

    @Test("invalid input is reported per field, in Chinese and English")
    func invalidInput() throws {
        var input = Fixtures.validPlan
        input["total_cost"] = "12.345"
        input["requested_subsidy"] = "-1"
        input["start_date"] = "2024-02-30"
        input["priority"] = "urgent"
        input["target_level"] = .int(5)
        input["summary"] = ""
        input["colour"] = "blue"
        let result = try decide("submit_plan", state: "draft", actor: Fixtures.contractor, input: input)
        guard case .failure(.invalidInput(let errors)) = result else {
            Issue.record("expected invalidInput, got \(result)")
            return
        }
        let fields = Set(errors.map(\.field))
        #expect(fields == ["total_cost", "requested_subsidy", "start_date", "priority", "target_level", "summary", "colour"])
        let cost = try #require(errors.first { $0.field == "total_cost" })
        #expect(cost.message.zh.contains("两位小数"))
        #expect(cost.message.en.contains("two decimals"))
    }

    @Test("guard failure carries the guard's reason")
    func guardFailure() throws {
        var input = Fixtures.validPlan
        input["requested_subsidy"] = "2000000"
        let result = try decide("submit_plan", state: "draft", actor: Fixtures.contractor, input: input)
        guard case .failure(.guardFailed(let name, let reason)) = result else {
            Issue.record("expected guardFailed, got \(result)")
            return
        }
        #expect(name == "subsidy_within_cost")
        #expect(reason.zh.contains("不能超过项目总投资"))

        var backwards = Fixtures.validPlan
        backwards["end_date"] = "2024-06-30"
        guard
            case .failure(.guardFailed("dates_in_order", _)) = try decide(
                "submit_plan", state: "draft", actor: Fixtures.contractor, input: backwards)
        else {
            Issue.record("expected dates_in_order to fail")
            return
        }
    }

    @Test("stale version")
    func staleVersion() throws {
        let result = try decide("submit_plan", state: "draft", actor: Fixtures.contractor, input: Fixtures.validPlan, version: 2)
        #expect(result == .failure(.staleVersion(expected: 2, actual: 3)))
    }

    @Test("timers start on entering a state, with the programme's rule recorded")
    func timers() throws {
        let decision = try decide(
            "approve", state: "submitted", actor: Fixtures.district, input: ["opinion": "同意"], rules: ["publicity_days": 5]
        ).get()
        let timer = try #require(decision.timers.first)
        #expect(timer.transitionId == "close_publicity")
        // Entered 2024-06-01 (Shanghai); five days counted from the 2nd end at midnight after the 6th.
        #expect(Shanghai.dateTimeText(timer.dueAt) == "2024-06-07 00:00")
        #expect(decision.ruleValues["publicity_days"] == .int(5))
    }

    @Test("a route replaces the target when its guard passes: the third signature completes signing")
    func routes() throws {
        let signer = Fixtures.actor(
            "u_enterprise", .enterprise, scope: .organisation("org_enterprise"), organisation: "org_enterprise")
        let twoSigned: [String: JSONValue] = ["signatures": .object(["authority": .object([:]), "provider": .object([:])])]
        let last = try decide("sign", state: "signing", actor: signer, data: twoSigned).get()
        #expect(last.toState == "done")
        let first = try decide("sign", state: "signing", actor: signer).get()
        #expect(first.toState == "signing")
        #expect(first.timers.isEmpty)
    }

    @Test("timer transitions are for the system actor only")
    func systemOnly() throws {
        let result = try decide("close_publicity", state: "publicity", actor: Fixtures.district)
        guard case .failure(.roleNotPermitted) = result else {
            Issue.record("expected roleNotPermitted, got \(result)")
            return
        }
        let system = try decide("close_publicity", state: "publicity", actor: .system(programmeId: Fixtures.programme)).get()
        #expect(system.toState == "signing")
    }
}

@Suite("An effect the engine does not know is refused, never skipped")
struct UnknownEffectTests {
    @Test("a definition naming an unregistered effect refuses the transition instead of writing it without the effect")
    func unknownEffect() throws {
        var registry = WorkflowRegistry.standard
        registry.effects["record_input"] = nil
        let engine = Engine(registry: registry)
        let result = engine.decide(
            Command(instanceId: "prj_1", transitionId: "submit_plan", input: Fixtures.validPlan, expectedVersion: 3),
            instance: Fixtures.instance(state: "draft", version: 3, data: [:], participants: [:]),
            definition: try Fixtures.small, actor: Fixtures.contractor, now: Fixtures.start, rules: RuleBook([:]))
        guard case .failure(.guardFailed(let name, let reason)) = result else {
            Issue.record("an unknown effect was skipped: \(result)")
            return
        }
        #expect(name == "record_input")
        #expect(reason.zh.contains("未知的effect") || reason.zh.contains("未知的"))
    }
}
