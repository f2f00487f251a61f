import Foundation
import TestSupport
import Testing
import WebApp

@Suite("Whose X-Forwarded-For is believed")
struct TrustedProxiesTests {
    @Test("loopback by default; addresses and CIDR ranges, IPv4 and IPv6, mapped IPv4 as IPv4")
    func ranges() throws {
        #expect(TrustedProxies.loopback.contains("127.0.0.1") && TrustedProxies.loopback.contains("127.8.9.10"))
        #expect(TrustedProxies.loopback.contains("::1") && TrustedProxies.loopback.contains("::ffff:127.0.0.1"))
        #expect(!TrustedProxies.loopback.contains("10.0.0.1") && !TrustedProxies.loopback.contains("unknown"))
        let proxies = try TrustedProxies(" 172.16.0.0/12, 10.1.2.3 ,fd00::/8")
        #expect(proxies.contains("172.17.0.1") && proxies.contains("172.31.255.255"))
        #expect(!proxies.contains("172.32.0.1") && !proxies.contains("172.15.255.255"))
        #expect(proxies.contains("10.1.2.3") && !proxies.contains("10.1.2.4"))
        #expect(proxies.contains("fd12:3456::1") && !proxies.contains("fe80::1"))
        #expect(!proxies.contains("127.0.0.1"))
        #expect(try TrustedProxies("0.0.0.0/0").contains("203.0.113.9"))
    }

    @Test("a bad entry is named and the server does not start with it")
    func badEntries() {
        #expect(throws: AppConfiguration.Problems.self) { try TrustedProxies("10.0.0.0/33") }
        do {
            _ = try AppConfiguration.resolve(
                host: nil, port: nil, databaseURL: nil, workflows: TestWorkflows.shippedDirectory,
                environment: ["SMEPILOT_TRUSTED_PROXIES": "10.0.0.1, proxy.local, 192.168.0.0/x"])
            Issue.record("accepted a bad SMEPILOT_TRUSTED_PROXIES")
        } catch {
            #expect(error.messages.count == 2)
            #expect(error.description.contains("'proxy.local'") && error.description.contains("'192.168.0.0/x'"))
        }
        let good = try? AppConfiguration.resolve(
            host: nil, port: nil, databaseURL: nil, workflows: TestWorkflows.shippedDirectory,
            environment: ["SMEPILOT_TRUSTED_PROXIES": "172.16.0.0/12"])
        #expect(good?.trustedProxies.contains("172.18.0.1") == true)
        #expect(good?.trustedProxies.contains("127.0.0.1") == false)
    }
}
