import PilotDomain

/// The programme and dossier pages' words (zh first, en available).
enum DossierPageText {
    static let programmeTitle = LocalizedText(zh: "试点推进与评价验收", en: "The programme: phases and dossiers")
    static let programmeIntro = LocalizedText(
        zh: "整体工作分两个实施阶段推进（实施方案 五）；2024 年底前完成中期绩效评价（四（九）），第二阶段完成试点验收（四（十））。状态按今天（北京时间）计算。",
        en:
            "Two phases (policy 004 §5); the mid-term evaluation by the end of 2024 (§4(9)), the final acceptance in phase 2 (§4(10)). Status as of today (Asia/Shanghai)."
    )
    static let phases = LocalizedText(zh: "实施阶段", en: "Phases")
    static let phase = LocalizedText(zh: "阶段", en: "Phase")
    static let window = LocalizedText(zh: "时间", en: "Window")
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let steps = LocalizedText(zh: "工作安排", en: "Steps")
    static let noPhases = LocalizedText(
        zh: "本试点的试点文件未列出实施阶段（phases）", en: "The programme's file lists no phases")
    static let dossiers = LocalizedText(zh: "评价验收材料", en: "Dossiers")
    static let dossier = LocalizedText(zh: "评价验收材料", en: "Dossier")
    static let due = LocalizedText(zh: "截止", en: "Due")
    static let complete = LocalizedText(zh: "材料齐备", en: "Complete")
    static let missingTitle = LocalizedText(zh: "待补齐事项", en: "What is missing")
    static let nothingMissing = LocalizedText(
        zh: "无：目标、资金、各部分文字与必备文件均已齐备", en: "Nothing: targets, funds, texts and documents are all in place")
    static let figures = LocalizedText(zh: "数据", en: "Figures")
    static let officeText = LocalizedText(zh: "试点办公室说明", en: "The office's text")
    static let noText = LocalizedText(zh: "（尚未撰写）", en: "(not written yet)")
    static let saveText = LocalizedText(zh: "保存为新版本", en: "Save as a new version")
    static let textSaved = LocalizedText(zh: "已保存新版本", en: "Saved as a new version")
    static let versions = LocalizedText(zh: "历史版本", en: "Versions")
    static let documents = LocalizedText(zh: "必备文件", en: "Required documents")
    static let upload = LocalizedText(zh: "上传", en: "Upload")
    static let uploaded = LocalizedText(zh: "文件已上传", en: "The document was uploaded")
    static let documentKind = LocalizedText(zh: "文件类型", en: "Document")
    static let file = LocalizedText(zh: "文件", en: "File")
    static let notUploaded = LocalizedText(zh: "未上传", en: "Not uploaded")
    static let print = LocalizedText(zh: "打印（A4）", en: "Print (A4)")
    static let export = LocalizedText(zh: "导出数据 XLSX", en: "Figures as XLSX")
    static let document = LocalizedText(zh: "文件", en: "Document")
    static let section = LocalizedText(zh: "部分", en: "Section")
    static let asOf = LocalizedText(zh: "数据截至", en: "Figures as of")
    static let tooLarge = LocalizedText(zh: "文件不能超过 20 MB", en: "The file may be at most 20 MB")
    static let chooseFile = LocalizedText(zh: "请选择要上传的文件（PDF、Word、Excel 或图片）", en: "Choose a file (PDF, Word, Excel or an image)")
    static let badKind = LocalizedText(zh: "请选择文件类型", en: "Choose which document this is")
    static let badType = LocalizedText(
        zh: "仅接受 PDF、DOCX、XLSX、JPG、PNG 文件", en: "Only PDF, DOCX, XLSX, JPG and PNG files are accepted")
    static let emptyText = LocalizedText(zh: "说明不能为空", en: "The text is empty")
    static let stale = LocalizedText(
        zh: "保存失败：这部分已有他人保存了新版本，请刷新后在最新版本上修改",
        en: "Not saved: someone saved a newer version meanwhile; reload and edit the latest")
    static let by = LocalizedText(zh: "撰写", en: "by")
    static let yes = LocalizedText(zh: "是", en: "Yes")
    static let no = LocalizedText(zh: "否", en: "No")

    static func tooLong(_ limit: Int) -> LocalizedText {
        LocalizedText(zh: "说明不能超过 \(limit) 个字", en: "The text may be at most \(limit) characters")
    }

    static func missingCount(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "待补齐 \(count) 项", en: "\(count) missing")
    }
}
