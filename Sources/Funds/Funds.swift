/// Subsidy funds of a pilot programme (domain.md §1–2, design.md §4): funding sources, the
/// double-entry ledger in integer fen, tranche plans, and the rules a release must pass — four
/// eyes, each tranche paid once, cumulative local payments never below central ones.
public enum Funds {}
