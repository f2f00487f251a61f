/// The project rows of the programmes whose dashboards were read last, each kept with the
/// fingerprint of the instances it was read at: how many instances the programme has of the
/// definition and the sum of their versions. Every decision raises its instance's version and
/// every new instance adds one to the count, in the same transaction that writes its
/// `project_facts` row, and instances are never deleted; so while the fingerprint is unchanged the
/// rows are unchanged, whichever server process wrote to the database.
///
/// Why: reading and unpacking a programme's rows is half a dashboard view (5,000 projects: about
/// 13–14 of 30 ms, `smepilot bench dashboard`), while the fingerprint is one index scan (about
/// 1 ms). The rows are read with their fingerprint in one statement (one snapshot of the
/// database), so the stamp they are kept at is exactly theirs.
///
/// After a change (issue #16: the view right after a decision), the kept rows are brought up to
/// date instead of read again: only the rows updated since shortly before the newest kept one, with
/// the fingerprint in the same statement, merged where they are kept (`StampedCache.update`,
/// `FactRowsSnapshot.merge`). The merge is kept only if its row count and its sum of versions equal
/// that fingerprint: every merged row's version is at most its instance's version at that moment
/// (versions only grow, and no row is newer than the statement that read it), so equal sums mean
/// every row is current — a row the margin missed fails the sum, and the rows are read in full as
/// before. A refresh whose fingerprint is older than the kept rows' leaves them as they are, so two
/// views refreshing at once never mix their rows.
typealias FactRowsCache = StampedCache<FactRowsFingerprint, FactRowsSnapshot>

struct FactRowsFingerprint: Hashable, Sendable {
    var instances: Int64
    var versions: Int64
}

/// A programme's project rows as read, with what bringing them up to date needs.
struct FactRowsSnapshot: Sendable {
    private(set) var rows: [ProjectFactRow]
    /// Each row's instance version, by instance id.
    private(set) var versions: [String: Int64]
    /// Each row's place in `rows`, by instance id: kept with the rows, so a refresh after one
    /// decision does not index 5,000 rows again (issue #16, the view right after a change).
    private var positions: [String: Int]
    /// The sum of `versions`' values, kept as they change (`matches` compares it on every refresh).
    private(set) var versionSum: Int64
    /// The latest `updated_at` (ms) among the rows.
    private(set) var latestUpdate: Int64

    /// How far before the newest kept row a refresh looks: a decision's `updated_at` is its time of
    /// decision, a little before its commit, and several servers' clocks may differ a little.
    static let updateMargin: Int64 = 10 * 60 * 1000

    /// `versions`: each row's instance version; a row without one counts as version 0 (and then
    /// fails `matches`, so such rows are read again).
    init(rows: [ProjectFactRow], versions: [String: Int64], latestUpdate: Int64) {
        self.rows = rows
        self.versions = versions
        self.latestUpdate = latestUpdate
        var positions = [String: Int](minimumCapacity: rows.count)
        for (index, row) in rows.enumerated() { positions[row.instanceId] = index }
        self.positions = positions
        versionSum = versions.values.reduce(0, +)
    }

    /// Puts `changes` (rows read since) in place of these rows' own, new instances appended.
    mutating func merge(_ changes: FactRowsSnapshot) {
        for row in changes.rows {
            if let index = positions[row.instanceId] {
                rows[index] = row
            } else {
                positions[row.instanceId] = rows.count
                rows.append(row)
            }
        }
        for (id, version) in changes.versions {
            versionSum += version - (versions.updateValue(version, forKey: id) ?? 0)
        }
        latestUpdate = max(latestUpdate, changes.latestUpdate)
    }

    /// Whether these rows are those of the instances at `fingerprint` (see `FactRowsCache`).
    func matches(_ fingerprint: FactRowsFingerprint) -> Bool {
        Int64(rows.count) == fingerprint.instances && Int64(versions.count) == fingerprint.instances
            && versionSum == fingerprint.versions
    }
}
