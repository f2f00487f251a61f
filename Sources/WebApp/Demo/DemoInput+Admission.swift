import Foundation

extension DemoInput {
    /// A complete pool application (provider-admission `submit_application`), varied by `seed`.
    static func application(_ seed: Int) -> [String: String] {
        let categories = [
            "consulting,evaluation", "solutions,rnd", "operations", "production,equipment", "infrastructure,solutions",
            "consulting,evaluation,operations,solutions,integrated", "rnd", "solutions,operations",
        ]
        return [
            "legal_person": ["王建华", "刘晓东", "陈敏", "赵立新", "孙浩", "周婷", "吴刚", "郑宏"][seed % 8],
            "office_address": "天津市滨海新区第三大街\(10 + seed)号",
            "staff_count": String(25 + seed * 7),
            "categories": categories[seed % categories.count],
            "condition_legal": "独立法人，财务制度健全；近三年无违法违规记录，未列入严重失信主体名单（附信用中国查询截图）。",
            "condition_local": "在滨海新区有固定办公场所，本地服务团队稳定，专注装备制造业数字化服务五年以上。",
            "condition_capability": "近三年营收稳定增长，在工业软件与数据采集领域拥有自主产品及软件著作权。",
            "condition_results": "累计服务本市制造业企业四十余家，用户续约率超过八成。",
            "tianjin_cases": "天津海晟精密仪器有限公司 | 设备联网与MES上线 | 已完成\n天津津泰重工机械有限公司 | 质量追溯系统 | 实施中",
            "contact_phone": "022-6620\(String(format: "%04d", 1000 + seed))",
        ]
    }

    /// One expert's scores on the admission rubric: a strong or a weak application.
    static func admissionReview(strong: Bool) -> [String: String] {
        strong
            ? [
                "score_qualification": "18", "score_local_capacity": "22", "score_capability": "21", "score_cases": "27",
                "review_comment": "资质良好，本地案例充分，建议入库。",
            ]
            : [
                "score_qualification": "14", "score_local_capacity": "15", "score_capability": "14", "score_cases": "12",
                "review_comment": "本地案例偏少，服务成效佐证不足。",
            ]
    }
}
