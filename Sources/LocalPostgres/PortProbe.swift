import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whether a loopback TCP port is free, by trying to bind it.
public enum PortProbe {
    /// A free loopback port in 20000–60000 (nil if 50 tries found none).
    public static func freePort() -> Int? {
        (0..<50).lazy.map { _ in Int.random(in: 20_000...60_000) }.first(where: isFree)
    }

    public static func isFree(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }
}
