import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

@Suite("Provider pool: admission and 小快轻准 products")
struct ProviderPoolTests {
    @Test(
        "admission checks the credit code, the categories (综合 needs four others) and duplicates; products check price and scenarios"
    )
    func admission() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let code = try #require(USCC.withCheckCharacter("91120116MA0PR0001"))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var district = TestBrowser(client)
            try await district.signIn("district")
            let page = String(buffer: try await district.get("/providers").body)
            #expect(page.contains("瀚云轻量化MES"))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let badCode = try await district.post(
                "/providers",
                form: ["csrf_token": token, "name": "天津某数字科技有限公司", "uscc": "91120116MA0PR00010", "categories[]": "consulting"])
            #expect(badCode.status == .unprocessableContent)
            let integrated = try await district.post(
                "/providers",
                form: ["csrf_token": token, "name": "天津某数字科技有限公司", "uscc": code, "categories": "integrated,consulting"])
            #expect(integrated.status == .unprocessableContent)
            #expect(String(buffer: integrated.body).contains("其他四类及以上"))
            let admitted = try await district.post(
                "/providers",
                form: [
                    "csrf_token": token, "name": "天津某数字科技有限公司", "uscc": code,
                    "categories": "integrated,consulting,rnd,solutions,operations",
                ])
            #expect(admitted.status == .seeOther)
            let duplicate = try await district.post(
                "/providers", form: ["csrf_token": token, "name": "另一家", "uscc": code, "categories": "consulting"])
            #expect(String(buffer: duplicate.body).contains("天津某数字科技有限公司"))
            let provider = try #require(try await services.store.parties.organisation(uscc: code, programmeId: programme.id))

            for (price, expected) in [("壹万", "金额"), ("-1", "负"), ("12.345", "两位小数"), ("", "")] {
                let refused = try await district.post(
                    "/providers/products",
                    form: [
                        "csrf_token": token, "provider": provider.id, "product": "轻量MES", "price": price,
                        "scenarios": "production_control",
                    ])
                #expect(refused.status == .unprocessableContent, "price \(price)")
                if !expected.isEmpty { #expect(String(buffer: refused.body).contains(expected), "price \(price)") }
            }
            let noScenario = try await district.post(
                "/providers/products", form: ["csrf_token": token, "provider": provider.id, "product": "轻量MES", "price": "1000"])
            #expect(noScenario.status == .unprocessableContent)
            let published = try await district.post(
                "/providers/products",
                form: [
                    "csrf_token": token, "provider": provider.id, "product": "轻量MES", "price": "12,000.50",
                    "scenarios": "production_control",
                ])
            #expect(published.status == .seeOther)
            let product = try #require(
                try await services.store.providers.products(programmeId: programme.id).first { $0.name == "轻量MES" })
            #expect(product.price == Fen(1_200_050))

            // A provider publishes for itself only; a contractor admits nobody.
            var demoProvider = TestBrowser(client)
            try await demoProvider.signIn("provider")
            let own = String(buffer: try await demoProvider.get("/providers").body)
            let providerToken = try #require(TestBrowser.csrfToken(in: own))
            let forOther = try await demoProvider.post(
                "/providers/products",
                form: [
                    "csrf_token": providerToken, "provider": provider.id, "product": "x", "price": "1", "scenarios": "finance",
                ])
            #expect(forOther.status == .forbidden)
            var contractor = TestBrowser(client)
            try await contractor.signIn("contractor")
            let contractorPage = String(buffer: try await contractor.get("/providers").body)
            let contractorToken = try #require(TestBrowser.csrfToken(in: contractorPage))
            let admitByContractor = try await contractor.post(
                "/providers", form: ["csrf_token": contractorToken, "name": "x", "uscc": code, "categories": "consulting"])
            #expect(admitByContractor.status == .forbidden)
        }
    }
}
