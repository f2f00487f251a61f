import PilotDomain

/// Strings of the project pages (documents, panel, publicity, registration, lists).
enum ProjectText {
    static let declareFirst = LocalizedText(
        zh: "您被邀请评审该方案。查看方案内容前，请先就是否与该企业、主承包服务商及数字化服务商存在利益冲突作出声明。",
        en: "You are invited to review this plan. Before you can see it, declare whether you have a conflict of interest "
            + "with the enterprise, its main contractor or its digital provider.")
    static let parties = LocalizedText(zh: "参与单位", en: "Parties")
    static let enterprise = LocalizedText(zh: "试点企业", en: "Enterprise")
    static let contractor = LocalizedText(zh: "主承包服务商", en: "Main contractor")
    static let provider = LocalizedText(zh: "数字化服务商", en: "Digital provider")
    static let documents = LocalizedText(zh: "项目材料", en: "Documents")
    static let noDocuments = LocalizedText(zh: "暂无材料", en: "No documents yet")
    static let upload = LocalizedText(zh: "上传材料", en: "Upload")
    static let purpose = LocalizedText(zh: "材料类别", en: "Kind of document")
    static let file = LocalizedText(zh: "文件", en: "File")
    static let uploadHint = LocalizedText(
        zh: "支持 PDF、PNG、JPG、DOCX、XLSX，单个文件不超过 10 MB", en: "PDF, PNG, JPG, DOCX or XLSX, at most 10 MB each")
    static let uploaded = LocalizedText(zh: "材料已上传", en: "The document was uploaded")
    static let fileTooLarge = LocalizedText(zh: "文件过大，单个文件不得超过 10 MB", en: "The file is too large: at most 10 MB")
    static let badUpload = LocalizedText(zh: "上传的数据格式不正确，请重新选择文件上传", en: "The upload was malformed; choose the file again")
    static let chooseFile = LocalizedText(zh: "请选择要上传的文件", en: "Choose a file to upload")
    static let choosePurpose = LocalizedText(zh: "请选择材料类别", en: "Choose the kind of document")
    static let projectClosed = LocalizedText(zh: "项目已结束，不能再上传材料", en: "The project is closed; no more uploads")
    static let storageFailed = LocalizedText(zh: "文件保存失败，请稍后重试", en: "The file could not be stored; try again later")
    static let taskBook = LocalizedText(zh: "项目任务书", en: "Project task book")
    static let printTaskBook = LocalizedText(zh: "打印项目任务书", en: "Print the task book")
    static let revisions = LocalizedText(zh: "方案修改记录", en: "Plan revisions")
    static let revision = LocalizedText(zh: "第 %d 版", en: "Revision %d")
    static let saveDraft = LocalizedText(zh: "保存草稿", en: "Save as draft")
    static let draftSaved = LocalizedText(zh: "草稿已保存，尚未提交", en: "Draft saved; not submitted yet")
    static let draftFrom = LocalizedText(zh: "草稿保存于", en: "Draft saved")
    static let unchanged = LocalizedText(zh: "未修改", en: "unchanged")
}
