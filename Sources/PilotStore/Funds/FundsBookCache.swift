import Funds

/// The books of the programmes read or changed last, each with the version of its header row
/// (`funds_books.version`) it is the book of. Every change of a programme's funds rows bumps that
/// version in the same transaction (`FundsRepository.changeFunds`), so a book whose version is
/// unchanged is the book — in this process or any other on the database. A change starts from the
/// cached book and keeps its result under the next version once committed, so a busy programme's
/// book is rebuilt from its rows (one query per table) only after another process changed it.
/// Why: decoding a national programme's book document took about 210 ms on every change and read.
typealias FundsBookCache = StampedCache<Int, FundsBook>
