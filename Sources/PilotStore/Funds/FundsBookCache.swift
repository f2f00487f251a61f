import Funds

/// The decoded funds books of the programmes read last, each with the version it was read at.
/// Every change of a book stores it with the next version in the same statement
/// (`FundsRepository.changeFunds`), so a book whose version is unchanged is the book — in this process
/// or any other on the database. Why: decoding a national programme's book (3,150 projects, their
/// tranches and the ledger) took about 210 ms, reading its version well under one
/// (`smepilot bench dashboard`, the finance workspace's reads).
typealias FundsBookCache = StampedCache<Int, FundsBook>
