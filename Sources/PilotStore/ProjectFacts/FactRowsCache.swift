/// The project rows of the programmes whose dashboards were read last, each kept with the
/// fingerprint of the instances it was read at: how many instances the programme has of the
/// definition and the sum of their versions. Every decision raises its instance's version and
/// every new instance adds one to the count, in the same transaction that writes its
/// `project_facts` row, and instances are never deleted; so while the fingerprint is unchanged the
/// rows are unchanged, whichever server process wrote to the database.
///
/// Why: reading and unpacking a programme's rows is half a dashboard view (5,000 projects: about
/// 13–14 of 30 ms, `smepilot bench dashboard`), while the fingerprint is one index scan (about
/// 1 ms). The fingerprint is read before the rows: a decision committed between the two leaves
/// newer rows under an older fingerprint, which only costs one more read on the next view.
typealias FactRowsCache = StampedCache<FactRowsFingerprint, [ProjectFactRow]>

struct FactRowsFingerprint: Hashable, Sendable {
    var instances: Int64
    var versions: Int64
}
