import PilotDomain

/// The effects workflow files may name. Effects change only the instance data; the engine adds
/// history, outbox events and timers itself.
public enum StandardEffects {
    public static let all: [String: Effect] = [
        "record_input": recordInput,
        "record_signature": recordSignature,
        "reset_signatures": resetSignatures,
        "count_review": countReview,
        "open_objection": openObjection,
        "resolve_objection": resolveObjection,
        "record_level": recordLevel,
        "assign_reviewers": ReviewPanel.assign,
        "record_declaration": ReviewPanel.declare,
        "involve_provider": involveProvider,
        "record_release": recordRelease,
    ]

    /// The effects that read more than data, input, time and the actor's name: `involve_provider`
    /// reads a fact, `record_signature` the actor's roles.
    public static let readingContext: Set<String> = ["involve_provider", "record_signature"]

    /// Keeps each recorded release on the project and the running total paid.
    static let recordRelease: Effect = { context in
        var releases = context.data["releases"]?.arrayValue ?? []
        releases.append(.object(context.input))
        context.data["releases"] = .array(releases)
        let paid = (context.data["subsidy_paid"]?.intValue ?? 0) + (context.input["tranche_amount"]?.intValue ?? 0)
        context.data["subsidy_paid"] = .int(paid)
    }

    /// The digital provider of the plan joins the project's scope (its people see and sign it).
    /// The service resolves the typed credit code to a pool organisation (fact
    /// `digital_provider_org_id`); replacing the provider in a revision replaces it here too.
    static let involveProvider: Effect = { context in
        guard let organisation = context.facts["digital_provider_org_id"]?.stringValue else { return }
        var involved = (context.data["involved_organisations"]?.arrayValue ?? []).compactMap(\.stringValue)
        if let previous = context.data["digital_provider_org_id"]?.stringValue, previous != organisation {
            involved.removeAll { $0 == previous }
        }
        if !involved.contains(organisation) { involved.append(organisation) }
        context.data["involved_organisations"] = .array(involved.map { .string($0) })
        context.data["digital_provider_org_id"] = .string(organisation)
    }

    /// Copies the validated input into the data, field by field.
    static let recordInput: Effect = { context in
        for (key, value) in context.input { context.data[key] = value }
    }

    /// Records who signed for which party, and when.
    static let recordSignature: Effect = { context in
        let roles = Set(context.transition.roles).intersection(context.actor.roles)
        guard let party = TaskBookParty.party(for: roles) else { return }
        var signatures = context.data["signatures"]?.objectValue ?? [:]
        // Who signed in the party's name and the date on the paper, as typed; who recorded it and
        // when, from the session.
        signatures[party.rawValue] = .object([
            "user": .string(context.actor.userId),
            "name": .string(context.actor.displayName),
            "at": .string(Shanghai.dateTimeText(context.now)),
            "signatory": context.input["signatory"] ?? .string(context.actor.displayName),
            "signed_on": context.input["signed_on"] ?? .string(Shanghai.dateText(context.now)),
        ])
        context.data["signatures"] = .object(signatures)
    }

    /// An amendment voids every signature: all three parties sign again.
    static let resetSignatures: Effect = { context in
        context.data["signatures"] = .object([:])
        let amendments = context.data["amendments"]?.intValue ?? 0
        context.data["amendments"] = .int(amendments + 1)
        for (key, value) in context.input { context.data[key] = value }
    }

    /// Stores one reviewer's scores and comment; counts the review.
    static let countReview: Effect = { context in
        var reviews = context.data["reviews"]?.arrayValue ?? []
        var review = context.input
        review["reviewer"] = .string(context.actor.userId)
        review["at"] = .string(Shanghai.dateTimeText(context.now))
        reviews.append(.object(review))
        context.data["reviews"] = .array(reviews)
        context.data["review_count"] = .int(Int64(reviews.count))
    }

    /// Counts the objection and keeps its text; the objector's name and contact stay in the
    /// history row only (instance data is shown to every party of the project).
    static let openObjection: Effect = { context in
        let open = context.data["open_objections"]?.intValue ?? 0
        context.data["open_objections"] = .int(open + 1)
        var objections = context.data["objections"]?.arrayValue ?? []
        var objection: [String: JSONValue] = ["objection": context.input["objection"] ?? .string("")]
        objection["at"] = .string(Shanghai.dateTimeText(context.now))
        objections.append(.object(objection))
        context.data["objections"] = .array(objections)
    }

    static let resolveObjection: Effect = { context in
        let open = context.data["open_objections"]?.intValue ?? 0
        context.data["open_objections"] = .int(max(0, open - 1))
        for (key, value) in context.input { context.data[key] = value }
    }

    /// The latest assessed digital level (targets count it).
    static let recordLevel: Effect = { context in
        if let level = context.input["assessed_level"] ?? context.input["level"] {
            context.data["current_level"] = level
        }
        for (key, value) in context.input { context.data[key] = value }
    }
}
