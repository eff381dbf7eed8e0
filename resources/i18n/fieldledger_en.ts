<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于执法台账</source>
        <extracomment>The folder last chosen for a backup to a USB drive (the key of ui.pages.settings), searched for the newest backup too. The folder the diagnostics file was last saved to.</extracomment>
        <translation>About FieldLedger</translation>
    </message>
    <message>
        <source>版本 {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>离线的交通运输执法监督工具：自查自纠、案卷评查、问题整改台账（挂单销号）和签名报送。全部数据保存在本机，可经 U 盘报送上级。</source>
        <translation>An offline tool for supervising transport law enforcement: self-checks, case-file reviews, the rectification ledger (tracked until struck off) and signed submissions. All data stays on this computer and can be reported upward on a USB stick.</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>数据版本</source>
        <translation>Data version</translation>
    </message>
    <message>
        <source>Qt / PySide6</source>
        <translation>Qt / PySide6</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>印证资料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>最近一次备份</source>
        <translation>Latest backup</translation>
    </message>
    <message>
        <source>本单位</source>
        <translation>Own unit</translation>
    </message>
    <message>
        <source>打开数据文件夹</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <source>密钥指纹（与上级或技术支持核对时逐组念出）</source>
        <translation>Key fingerprints (read them out group by group when checking with the upper office or support)</translation>
    </message>
    <message>
        <source>持有人</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>复制到剪贴板</source>
        <translation>Copy to clipboard</translation>
    </message>
    <message>
        <source>导出诊断信息…</source>
        <translation>Export diagnostics…</translation>
    </message>
    <message>
        <source>图形平台</source>
        <translation>Graphics platform</translation>
    </message>
    <message>
        <source>屏幕缩放</source>
        <translation>Screen scale</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>长者模式</source>
        <translation>Large-text mode</translation>
    </message>
    <message>
        <source>开</source>
        <translation>on</translation>
    </message>
    <message>
        <source>关</source>
        <translation>off</translation>
    </message>
    <message>
        <source>无法读取关于信息</source>
        <translation>Could not read the About information</translation>
    </message>
    <message>
        <source>{found}（本程序支持到 {latest}）</source>
        <translation>{found} (this program supports up to {latest})</translation>
    </message>
    <message>
        <source>{size}（WAL {wal}）</source>
        <translation>{size} (WAL {wal})</translation>
    </message>
    <message>
        <source>{count} 个文件，{size}</source>
        <translation>{count} files, {size}</translation>
    </message>
    <message>
        <source>还没有备份</source>
        <translation>No backup yet</translation>
    </message>
    <message>
        <source>{time}&#x3000;{path}</source>
        <translation>{time}&#x3000;{path}</translation>
    </message>
    <message>
        <source>{name}（代码 {code}）</source>
        <translation>{name} (code {code})</translation>
    </message>
    <message>
        <source>（尚无密钥）</source>
        <translation>(no keys yet)</translation>
    </message>
    <message>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
    <message>
        <source>导出诊断信息</source>
        <translation>Export diagnostics</translation>
    </message>
    <message>
        <source>诊断信息 (*.zip)</source>
        <translation>Diagnostics (*.zip)</translation>
    </message>
    <message>
        <source>正在检查数据库并整理日志（去除个人信息）…</source>
        <translation>Checking the database and preparing the logs (removing personal data)…</translation>
    </message>
    <message>
        <source>诊断信息已导出</source>
        <translation>Diagnostics exported</translation>
    </message>
    <message>
        <source>诊断信息已保存到：
{path}
（{size}）

其中不含个人信息：人员姓名、账号、执法证号、电话、身份证号和车牌已替换（共 {count} 处），也不含台账数据、印证资料和密钥。可以把这个文件交给技术支持。</source>
        <translation>The diagnostics were saved to:
{path}
({size})

They hold no personal data: names, accounts, enforcement certificate numbers, phone numbers, ID numbers and plates were replaced ({count} in all), and no ledger data, evidence or keys are included. You can give this file to support.</translation>
    </message>
    <message>
        <source>导出诊断信息失败</source>
        <translation>Exporting the diagnostics failed</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>新建账号</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>（不关联人员）</source>
        <translation>(No linked person)</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
</context>
<context>
    <name>AccountsPanel</name>
    <message>
        <source>新建账号…</source>
        <translation>New account…</translation>
    </message>
    <message>
        <source>设置角色…</source>
        <translation>Set roles…</translation>
    </message>
    <message>
        <source>停用 / 启用</source>
        <translation>Disable / enable</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>解除锁定</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>密码错误</source>
        <translation>Failed attempts</translation>
    </message>
    <message>
        <source>只有管理员可以管理账号。</source>
        <translation>Only administrators can manage accounts.</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>，已锁定</source>
        <translation>, locked</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>为 {name} 设置新密码（至少 8 位）：</source>
        <translation>New password for {name} (at least 8 characters):</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>整改情况答复</source>
        <translation>Reply on rectification</translation>
    </message>
    <message>
        <source>逐项写明针对意见书所列问题采取的整改措施和完成情况</source>
        <translation>For each problem listed in the letter, describe the rectification measures taken and what has been completed</translation>
    </message>
    <message>
        <source>印证资料（双击打开）</source>
        <translation>Evidence (double-click to open)</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>删除所选文件</source>
        <translation>Remove selected file</translation>
    </message>
    <message>
        <source>转为台账问题…</source>
        <translation>Add to ledger as problems…</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>存为草稿</source>
        <translation>Save as draft</translation>
    </message>
    <message>
        <source>签发…</source>
        <translation>Sign and issue…</translation>
    </message>
    <message>
        <source>意见书的答复由本单位负责人或管理员填写，负责人签发。</source>
        <translation>The reply to a letter is written by the unit&apos;s chief or an administrator and signed and issued by the chief.</translation>
    </message>
    <message>
        <source>答复状态：{state}</source>
        <translation>Reply status: {state}</translation>
    </message>
    <message>
        <source>尚未签发：负责人签发后，答复随下一次报送（选择“执法监督意见书的答复”）报上级。</source>
        <translation>Not issued yet: once the chief signs and issues it, the reply goes to the upper office with the next submission (choose “Replies to supervision letters”).</translation>
    </message>
    <message>
        <source>已超过整改期限，尚未签发答复。</source>
        <translation>The rectification deadline has passed and the reply has not been issued.</translation>
    </message>
    <message>
        <source>第 {n} 项 → 序号 {seq}</source>
        <translation>Item {n} → No. {seq}</translation>
    </message>
    <message>
        <source>答复未保存</source>
        <translation>Reply not saved</translation>
    </message>
    <message>
        <source>选择印证资料</source>
        <translation>Choose evidence</translation>
    </message>
    <message>
        <source>照片、扫描件和文档 (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xls *.xlsx *.ofd *.mp4);;所有文件 (*)</source>
        <translation>Photos, scans and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xls *.xlsx *.ofd *.mp4);;All files (*)</translation>
    </message>
    <message>
        <source>文件未添加</source>
        <translation>File not added</translation>
    </message>
    <message>
        <source>不能签发</source>
        <translation>Cannot issue</translation>
    </message>
    <message>
        <source>签发意见书答复</source>
        <translation>Issue reply to supervision letter</translation>
    </message>
    <message>
        <source>您将以单位负责人的身份，用本人的签名密钥签发下面的答复（单位负责人签发）。签发后如再修改答复，须重新签发。请核对后输入签名口令（登录密码）。</source>
        <translation>You are about to sign and issue the reply below as the unit&apos;s chief, with your own signing key (signed and issued by the unit&apos;s chief). If the reply is changed after it is issued, it must be issued again. Check it, then type your signing passphrase (login password).</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>Sign and issue</translation>
    </message>
    <message>
        <source>导出执法监督意见书 {number} 及其整改情况答复。</source>
        <translation>Exports supervision letter {number} and its reply on rectification.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>执法台账已在运行</source>
        <extracomment>The first daily-backup check waits this long after the main window is shown, so start-up and the first page loads never wait for it; later checks follow every :data:`DAILY_CHECK_MS`. The data folder answers later starts (brings its window forward) this long after start-up, so the local-socket code (QtNetwork, about 8 ms to load) stays off the path to the first window. A second start before then is told the folder is in use. True when start() found the folder in use and the running instance came forward.</extracomment>
        <translation>FieldLedger is already running</translation>
    </message>
    <message>
        <source>这个数据文件夹已被另一个执法台账窗口打开：
{path}
请切换到那个窗口；同一份台账不能同时在两个窗口中修改。</source>
        <translation>This data folder is already open in another FieldLedger window:
{path}
Please switch to that window; the same ledger cannot be edited in two windows at once.</translation>
    </message>
    <message>
        <source>无法打开台账数据库</source>
        <translation>Cannot open the ledger database</translation>
    </message>
    <message>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>选择其他数据文件夹…</source>
        <translation>Choose another data folder…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>选择数据文件夹</source>
        <translation>Choose data folder</translation>
    </message>
    <message>
        <source>正在从备份恢复，请稍候…</source>
        <translation>Restoring from the backup, please wait…</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
</context>
<context>
    <name>AppearancePanel</name>
    <message>
        <source>长者模式（放大全部文字）</source>
        <extracomment>The folder last chosen for a backup (remembered in the settings).</extracomment>
        <translation>Large-text mode (enlarge all text)</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
</context>
<context>
    <name>AuditPanel</name>
    <message>
        <source>每一次新增、修改、删除和登录都按顺序记入审计链，每条记录包含前一条的哈希。在程序之外改动数据或记录，校验时都会被发现并指出第一处断点。</source>
        <translation>Every addition, change, deletion and login is recorded in order in the audit chain, and each record contains the hash of the one before it. Any change to the data or records made outside the program is detected on verification, which points out the first break.</translation>
    </message>
    <message>
        <source>校验审计链…</source>
        <translation>Verify audit chain…</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>Sequence no.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>动作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>数据表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>共 {seq} 条记录；末条哈希 {hash}</source>
        <translation>{seq} records in total; last hash {hash}</translation>
    </message>
</context>
<context>
    <name>BriefsPage</name>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>新建简报</source>
        <translation>New brief</translation>
    </message>
    <message>
        <source>新建本月的工作简报（草稿）</source>
        <translation>Create this month&apos;s work brief (as a draft)</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>期数</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>还没有工作简报。点“新建简报”开始编写本月的简报。</source>
        <translation>No work briefs yet. Click “New brief” to start writing this month&apos;s brief.</translation>
    </message>
    <message>
        <source>报送月份</source>
        <translation>Month reported</translation>
    </message>
    <message>
        <source>如：大武超限检测站扎实推进执法质量提升</source>
        <translation>e.g. Dawu overload inspection station steadily improves enforcement quality</translation>
    </message>
    <message>
        <source>本月开展的工作、取得的成效、典型做法和案例。每段一行。</source>
        <translation>Work done this month, results achieved, good practices and cases. One paragraph per line.</translation>
    </message>
    <message>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <source>修改说明…</source>
        <translation>Edit caption…</translation>
    </message>
    <message>
        <source>删除照片</source>
        <translation>Remove photo</translation>
    </message>
    <message>
        <source>双击修改照片说明（已定稿时打开照片）</source>
        <translation>Double-click to edit the photo caption (to open the photo once the brief is final)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>审核定稿</source>
        <translation>Approve as final</translation>
    </message>
    <message>
        <source>负责人审核后定稿：定稿的简报计为本月已报送的简报，不能再修改</source>
        <translation>The chief reviews and finalizes the brief: a final brief counts as this month&apos;s submitted brief and can no longer be changed</translation>
    </message>
    <message>
        <source>退回草稿</source>
        <translation>Return to draft</translation>
    </message>
    <message>
        <source>删除简报</source>
        <translation>Delete brief</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>第 {n} 期</source>
        <translation>Issue {n}</translation>
    </message>
    <message>
        <source>简报内容</source>
        <translation>Brief content</translation>
    </message>
    <message>
        <source>在左侧选择一期简报，或新建简报。</source>
        <translation>Choose a brief on the left, or create a new one.</translation>
    </message>
    <message>
        <source>第 {n} 期（{month}）</source>
        <translation>Issue {n} ({month})</translation>
    </message>
    <message>
        <source>{campaign} · {status} · 编写人 {author}</source>
        <translation>{campaign} · {status} · written by {author}</translation>
    </message>
    <message>
        <source>图{n} {caption}</source>
        <translation>Figure {n} {caption}</translation>
    </message>
    <message>
        <source>本期简报已定稿，计为该月已报送的简报；如需修改，请负责人退回草稿。</source>
        <translation>This brief is final and counts as that month&apos;s submitted brief; to change it, ask the chief to return it to draft.</translation>
    </message>
    <message>
        <source>简报写好后，请负责人审核定稿。</source>
        <translation>When the brief is written, ask the chief to review it and approve it as final.</translation>
    </message>
    <message>
        <source>定稿前请通读全文、核对照片说明。</source>
        <translation>Before approving it as final, read the whole text and check the photo captions.</translation>
    </message>
    <message>
        <source>工作简报（{month}）</source>
        <translation>Work brief ({month})</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>删除草稿“{title}”及其照片？</source>
        <translation>Delete the draft “{title}” and its photos?</translation>
    </message>
    <message>
        <source>添加照片</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <source>照片 ({types})</source>
        <translation>Photos ({types})</translation>
    </message>
    <message>
        <source>照片说明</source>
        <translation>Photo caption</translation>
    </message>
    <message>
        <source>照片说明：</source>
        <translation>Photo caption:</translation>
    </message>
    <message>
        <source>导出第 {n} 期工作简报“{title}”。</source>
        <translation>Exports work brief issue {n} “{title}”.</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>编辑专项行动</source>
        <translation>Edit campaign</translation>
    </message>
    <message>
        <source>新建专项行动</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <source>带 * 的为必填项。日期可不填；在日期框中按 Delete 键清除。Enter 键转到下一项，Ctrl+Enter 保存。</source>
        <translation>Fields marked * are required. Dates may be left empty; press Delete in a date field to clear it. Enter moves to the next field, Ctrl+Enter saves.</translation>
    </message>
    <message>
        <source>保存（Ctrl+Enter）</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>如：交通运输执法领域突出问题专项整治行动</source>
        <translation>e.g. Special campaign on prominent problems in transport law enforcement</translation>
    </message>
    <message>
        <source>如：青交执法监法〔2023〕30号</source>
        <translation>e.g. 青交执法监法〔2023〕30号</translation>
    </message>
    <message>
        <source>如：青海省交通运输综合行政执法监督局</source>
        <translation>e.g. Qinghai Transport Law Enforcement Supervision Bureau</translation>
    </message>
    <message>
        <source>问题来源、工作要求等</source>
        <translation>Problem sources, requirements, etc.</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>行动名称 *</source>
        <translation>Campaign title *</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>发文单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>行动类型</source>
        <translation>Campaign type</translation>
    </message>
    <message>
        <source>起止日期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Problem categories</translation>
    </message>
    <message>
        <source>类别名称</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>已登记问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>问题台账按此顺序列出类别。改名后，已登记问题的类别随之改名。</source>
        <translation>The ledger lists categories in this order. Renaming a category renames it in its recorded problems too.</translation>
    </message>
    <message>
        <source>工作阶段</source>
        <translation>Phases</translation>
    </message>
    <message>
        <source>阶段名称</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>报送材料</source>
        <translation>Materials to submit</translation>
    </message>
    <message>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>由台账提供</source>
        <translation>Provided by ledger</translation>
    </message>
    <message>
        <source>每月截止</source>
        <translation>Monthly due day</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>按名称判断</source>
        <translation>Judge by name</translation>
    </message>
    <message>
        <source>{day} 日</source>
        <translation>Day {day}</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>Same month</translation>
    </message>
    <message>
        <source>次月</source>
        <translation>Next month</translation>
    </message>
    <message>
        <source>提供该材料的本软件台账（工作简报、工作调度表、案件统计等）；“按名称判断”时按材料名称识别，识别不出即为附件文件</source>
        <translation>The ledger in this program that provides the material (work brief, work progress table, case statistics, etc.); with “Judge by name” the material is recognized by its name, and if it cannot be recognized it is an attached file</translation>
    </message>
    <message>
        <source>每月报送的材料的截止日，如工作简报每月 25 日；不填则按截止日期</source>
        <translation>Due day for a material submitted every month, e.g. the 25th for the work brief; if left empty, the deadline date applies</translation>
    </message>
    <message>
        <source>截止日在报送月份的本月还是次月，如案件数据次月 5 日前报送</source>
        <translation>Whether the due day falls in the month reported or the next month, e.g. case data is due by the 5th of the next month</translation>
    </message>
    <message>
        <source>已有 {count} 个问题使用该类别，不能删除；可以改名。</source>
        <translation>{count} problems use this category, so it cannot be removed; it can be renamed.</translation>
    </message>
    <message>
        <source>放弃尚未保存的修改？</source>
        <translation>Discard the unsaved changes?</translation>
    </message>
</context>
<context>
    <name>CampaignFilesBox</name>
    <message>
        <source>专项行动要求的材料</source>
        <translation>Materials required by the campaign</translation>
    </message>
    <message>
        <source>所选专项行动没有规定报送材料。</source>
        <translation>The chosen campaign does not specify any materials to submit.</translation>
    </message>
    <message>
        <source>（{due} 前）</source>
        <translation> (due {due})</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>由本单位的“{ledger}”报送（需有本期记录）</source>
        <translation>Submitted from this unit&apos;s “{ledger}” (a record for this period is needed)</translation>
    </message>
    <message>
        <source>选择“{name}”的文件</source>
        <translation>Choose the files for “{name}”</translation>
    </message>
    <message>
        <source>已附 {n} 个文件</source>
        <translation>{n} file(s) attached</translation>
    </message>
    <message>
        <source>随正式表格附上</source>
        <translation>Attached with the official forms</translation>
    </message>
    <message>
        <source>未附文件</source>
        <translation>No files attached</translation>
    </message>
    <message>
        <source>这项材料不会随本包报送，上级的资料报送统计表中记为未报送。</source>
        <translation>This material will not be submitted with this package; the upper office&apos;s Statistics of materials submitted will show it as not submitted.</translation>
    </message>
</context>
<context>
    <name>CampaignsPanel</name>
    <message>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>只有负责人或管理员可以新建和修改专项行动。</source>
        <translation>Only a chief or an administrator can create and edit campaigns.</translation>
    </message>
    <message>
        <source>行动名称</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>起止日期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Phases</translation>
    </message>
    <message>
        <source>报送材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>CaseFileDialog</name>
    <message>
        <source>修改案卷</source>
        <extracomment>执法门类 offered in the list (any other may be typed).</extracomment>
        <translation>Edit case file</translation>
    </message>
    <message>
        <source>登记案卷</source>
        <translation>Register case file</translation>
    </message>
    <message>
        <source>带 * 的为必填项。Enter 键转到下一项，Ctrl+Enter 保存。</source>
        <translation>Fields marked * are required. Enter moves to the next field, Ctrl+Enter saves.</translation>
    </message>
    <message>
        <source>如：玛交执罚〔2024〕12号</source>
        <translation>e.g. 玛交执罚〔2024〕12号</translation>
    </message>
    <message>
        <source>如：车辆超限运输</source>
        <translation>e.g. Vehicle overloading</translation>
    </message>
    <message>
        <source>如：李海龙、索南扎西</source>
        <translation>e.g. Li Hailong, Sonam Tashi</translation>
    </message>
    <message>
        <source>重大案件</source>
        <translation>Major case</translation>
    </message>
    <message>
        <source>选择登记过的单位时，案卷归属该单位；其他名称按原文保存，案卷归本单位</source>
        <translation>If you choose a registered unit, the case file belongs to that unit; any other name is saved as entered and the case file belongs to your unit</translation>
    </message>
    <message>
        <source>案卷编号 *</source>
        <translation>Case no. *</translation>
    </message>
    <message>
        <source>案件类型 *</source>
        <translation>Case type *</translation>
    </message>
    <message>
        <source>执法门类</source>
        <translation>Enforcement field</translation>
    </message>
    <message>
        <source>案由 *</source>
        <translation>Cause of action *</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>执法人员</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>是否重大案件</source>
        <translation>Major case</translation>
    </message>
    <message>
        <source>办案机构</source>
        <translation>Handling agency</translation>
    </message>
    <message>
        <source>结案时间</source>
        <translation>Closing date</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>保存（Ctrl+Enter）</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>CaseFileRegister</name>
    <message>
        <source>搜索案卷编号、案由、当事人、执法人员…</source>
        <translation>Search case no., cause of action, party, officers…</translation>
    </message>
    <message>
        <source>全部案件类型</source>
        <translation>All case types</translation>
    </message>
    <message>
        <source>全部评查状态</source>
        <translation>All review statuses</translation>
    </message>
    <message>
        <source>登记案卷…</source>
        <translation>Register case file…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>导入 Excel…</source>
        <translation>Import Excel…</translation>
    </message>
    <message>
        <source>从 Excel 案卷清单批量登记</source>
        <translation>Register case files in bulk from an Excel case-file list</translation>
    </message>
    <message>
        <source>评查 →</source>
        <translation>Review →</translation>
    </message>
    <message>
        <source>打开所选案卷的评查（Enter 或双击）</source>
        <translation>Open the review of the selected case file (Enter or double-click)</translation>
    </message>
    <message>
        <source>案卷编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>案件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <source>执法门类</source>
        <translation>Enforcement field</translation>
    </message>
    <message>
        <source>案由</source>
        <translation>Cause of action</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>办案机构</source>
        <translation>Handling agency</translation>
    </message>
    <message>
        <source>结案时间</source>
        <translation>Closing date</translation>
    </message>
    <message>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>评查状态</source>
        <translation>Review status</translation>
    </message>
    <message>
        <source>评查结果</source>
        <translation>Review result</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>执法人员：{v}</source>
        <translation>Officers: {v}</translation>
    </message>
    <message>
        <source>共 {n} 卷</source>
        <translation>{n} case files</translation>
    </message>
    <message>
        <source>删除案卷</source>
        <translation>Delete case file</translation>
    </message>
    <message>
        <source>删除案卷“{case_no}”？只有登记错误、尚未评查的案卷可以删除。</source>
        <translation>Delete case file “{case_no}”? Only case files registered by mistake and not yet reviewed can be deleted.</translation>
    </message>
</context>
<context>
    <name>CaseImportDialog</name>
    <message>
        <source>将导入</source>
        <translation>To import</translation>
    </message>
    <message>
        <source>已登记（跳过）</source>
        <translation>Registered (skipped)</translation>
    </message>
    <message>
        <source>有错误（不导入）</source>
        <translation>Error (not imported)</translation>
    </message>
    <message>
        <source>导入案卷清单</source>
        <translation>Import case-file list</translation>
    </message>
    <message>
        <source>案卷清单（.xlsx）的表头一行应有：案卷编号、案件类型、案由，其余列（执法门类、当事人、执法人员、是否重大案件、办案机构、结案时间、备注）可有可无，次序不限。先预览，确认后再导入；已登记的案卷编号会自动跳过。</source>
        <translation>The header row of the case-file list (.xlsx) must contain 案卷编号 (case no.), 案件类型 (case type) and 案由 (cause of action); the other columns (执法门类, 当事人, 执法人员, 是否重大案件, 办案机构, 结案时间, 备注) are optional and can be in any order. Check the preview first, then import; case numbers already registered are skipped.</translation>
    </message>
    <message>
        <source>请选择要导入的 Excel 文件</source>
        <translation>Choose the Excel file to import</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>空白清单…</source>
        <translation>Blank list…</translation>
    </message>
    <message>
        <source>保存一份空白案卷清单，填好后再导入</source>
        <translation>Save a blank case-file list, fill it in, then import it</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>尚未选择文件。</source>
        <translation>No file chosen yet.</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>案卷编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>案件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <source>执法门类</source>
        <translation>Enforcement field</translation>
    </message>
    <message>
        <source>案由</source>
        <translation>Cause of action</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>执法人员</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>办案机构</source>
        <translation>Handling agency</translation>
    </message>
    <message>
        <source>结案时间</source>
        <translation>Closing date</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>选择案卷清单</source>
        <translation>Choose case-file list</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)</source>
        <translation>Excel workbooks (*.xlsx *.xlsm);;All files (*)</translation>
    </message>
    <message>
        <source>读取 Excel</source>
        <translation>Reading Excel</translation>
    </message>
    <message>
        <source>正在读取并检查每一行…</source>
        <translation>Reading and checking every row…</translation>
    </message>
    <message>
        <source>没有可导入的内容。</source>
        <translation>Nothing to import.</translation>
    </message>
    <message>
        <source>无法导入这个文件</source>
        <translation>This file cannot be imported</translation>
    </message>
    <message>
        <source>工作表“{sheet}”共 {total} 行：将导入 {new} 行，已登记 {dup} 行（跳过），有错误 {bad} 行（不导入）。</source>
        <translation>Sheet “{sheet}”, {total} rows: {new} to import, {dup} already registered (skipped), {bad} with errors (not imported).</translation>
    </message>
    <message>
        <source>有错误的行请在 Excel 中改正后再导入本文件，已导入的行不会重复。</source>
        <translation>Correct the rows with errors in Excel and import this file again; rows already imported will not be duplicated.</translation>
    </message>
    <message>
        <source>导入 {n} 个案卷</source>
        <translation>Import {n} case files</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>第 {row} 行：</source>
        <translation>Row {row}: </translation>
    </message>
    <message>
        <source>没有问题。</source>
        <translation>No problems.</translation>
    </message>
    <message>
        <source>有 {bad} 行有错误，不会导入。先导入其余 {new} 行吗？</source>
        <translation>{bad} rows have errors and will not be imported. Import the other {new} rows now?</translation>
    </message>
    <message>
        <source>导入案卷</source>
        <translation>Import case files</translation>
    </message>
    <message>
        <source>正在保存到案卷登记…</source>
        <translation>Saving to the case-file register…</translation>
    </message>
    <message>
        <source>导入没有完成</source>
        <translation>The import did not complete</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import complete</translation>
    </message>
    <message>
        <source>已登记 {n} 个案卷。</source>
        <translation>{n} case files were registered.</translation>
    </message>
    <message>
        <source>保存空白案卷清单</source>
        <translation>Save blank case-file list</translation>
    </message>
    <message>
        <source>案卷清单.xlsx</source>
        <translation>Case-file list.xlsx</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>CaseReviewPage</name>
    <message>
        <source>案卷登记</source>
        <translation>Case-file register</translation>
    </message>
    <message>
        <source>评查</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>评查汇总</source>
        <translation>Review summary</translation>
    </message>
</context>
<context>
    <name>CaseStatsPage</name>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>数据条数</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>实际案件数</source>
        <translation>Actual cases</translation>
    </message>
    <message>
        <source>测试案件数</source>
        <translation>Test cases</translation>
    </message>
    <message>
        <source>执法人员</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>人均办案率</source>
        <translation>Cases per officer</translation>
    </message>
    <message>
        <source>在线考试</source>
        <translation>Online exams</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>人均办案率 =（实际案件数 + 测试案件数）÷ 执法人员，按整数百分比四舍五入；执法人员不详时记为“/”。</source>
        <translation>Cases per officer = (actual cases + test cases) ÷ officers, as a percentage rounded to a whole number; when the number of officers is unknown it is shown as “/”.</translation>
    </message>
    <message>
        <source>填报一个月</source>
        <translation>Enter a month</translation>
    </message>
    <message>
        <source>不填则同实际案件数</source>
        <translation>If empty, same as actual cases</translation>
    </message>
    <message>
        <source>不填记为“/”</source>
        <translation>If empty, shown as “/”</translation>
    </message>
    <message>
        <source>计算…</source>
        <translation>Calculate…</translation>
    </message>
    <message>
        <source>按本单位的案卷（结案日期在本月）和在岗持证人员计算</source>
        <translation>Calculate from this unit&apos;s case files (closed in this month) and the certified officers in post</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>删除此月</source>
        <translation>Delete this month</translation>
    </message>
    <message>
        <source>全部年份</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>{year} 年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>{month} 尚未填报：可按信息系统的数字填写，或点“计算…”按本单位数据计算。</source>
        <translation>{month} has not been entered yet: type in the figures from the information system, or click “Calculate…” to calculate them from this unit&apos;s data.</translation>
    </message>
    <message>
        <source>已按本单位 {cases} 件结案案卷和 {people} 名在岗持证人员计算；请对照信息系统核对数据条数、测试案件数和在线考试后保存。</source>
        <translation>Calculated from this unit&apos;s {cases} closed case files and {people} certified officers in post; check records, test cases and online exams against the information system, then save.</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>删除 {month} 的案件统计？</source>
        <translation>Delete the case statistics for {month}?</translation>
    </message>
    <message>
        <source>导出{what}的按月案件统计（{n} 个月）。</source>
        <translation>Exports the monthly case statistics ({what}, {n} months).</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>结案日期</source>
        <translation>Closing date</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>案件数为各单位报送包（含“案卷评查记录”）中结案日期在统计期间内的案卷；执法人员为各单位报送的在岗、有执法证号的人员，“/”表示该单位尚未报送人员信息；人均办案率 =（实际案件数 + 测试案件数）/ 执法人员。</source>
        <translation>Case counts are the case files in each unit&apos;s submission packages (with “Case-file review records”) whose closing date falls within the period; officers are the people each unit has submitted who are in post and have an enforcement certificate no., and “/” means that the unit has not submitted its personnel yet; cases per officer = (actual cases + test cases) / officers.</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>导出结案日期在 {start} 至 {end} 之间的案件办理情况统计表。</source>
        <translation>Exports the Statistics of cases handled for the cases closed between {start} and {end}.</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>证件信息：{name}</source>
        <translation>Certificate details: {name}</translation>
    </message>
    <message>
        <source>行政执法证件号码</source>
        <translation>Administrative enforcement certificate number</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Enforcement certificate no.</translation>
    </message>
    <message>
        <source>证件状态</source>
        <translation>Certificate status</translation>
    </message>
    <message>
        <source>发证日期</source>
        <translation>Date of issue</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>只有持有效执法证的人员可以独立从事行政执法工作；没有执法证号、执法证过期、暂扣或已收回注销的，不得独立执法。执法证 {days} 天内到期的会提前提醒。</source>
        <translation>Only staff holding a valid enforcement certificate may carry out administrative enforcement on their own; those with no certificate number, or whose certificate has expired, been suspended or been withdrawn and cancelled, may not enforce on their own. A reminder is shown when a certificate expires within {days} days.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再输入一次</source>
        <translation>Repeat new password</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致。</source>
        <translation>The two new passwords do not match.</translation>
    </message>
</context>
<context>
    <name>ChangesDialog</name>
    <message>
        <source>签字后的改动</source>
        <translation>Changes since signing</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>签字时</source>
        <translation>When signed</translation>
    </message>
    <message>
        <source>现在</source>
        <translation>Now</translation>
    </message>
</context>
<context>
    <name>ChiefPage</name>
    <message>
        <source>负责人和第一个账号</source>
        <translation>Chief and first account</translation>
    </message>
    <message>
        <source>这个账号同时是负责人和管理员，之后可用它为其他人员建立账号。</source>
        <translation>This account is both Chief and Administrator; you can use it later to create accounts for other staff.</translation>
    </message>
    <message>
        <source>如：站长</source>
        <translation>e.g. Station chief</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Enforcement certificate no.</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>登录用户名</source>
        <translation>Login user name</translation>
    </message>
    <message>
        <source>密码（至少 8 位）</source>
        <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
        <source>再输入一次密码</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>CloseLeadDialog</name>
    <message>
        <source>办结线索</source>
        <translation>Close lead</translation>
    </message>
    <message>
        <source>{day} {channel}：{content}</source>
        <translation>{day} {channel}: {content}</translation>
    </message>
    <message>
        <source>核查结论和答复反映人的情况</source>
        <translation>Findings of the check and how the reporter was answered</translation>
    </message>
    <message>
        <source>办理结果 *</source>
        <translation>Outcome *</translation>
    </message>
    <message>
        <source>办结日期</source>
        <translation>Date closed</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <source>个问题</source>
        <translation>problems</translation>
    </message>
    <message>
        <source>{status}：{n} 个（{pct}）</source>
        <translation>{status}: {n} ({pct})</translation>
    </message>
    <message>
        <source>已销号</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>未销号</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <source>{category}
已销号 {closed} 个，未销号 {open} 个</source>
        <translation>{category}
{closed} closed, {open} not closed</translation>
    </message>
</context>
<context>
    <name>DashboardNotes</name>
    <message>
        <source>{what}已于 {month} 月 {day} 日到期，逾期 {n} 天</source>
        <extracomment>At most this many letter numbers are named in one line; the rest are counted.</extracomment>
        <translation>{what} was due on {month}/{day}: overdue by {n} day(s)</translation>
    </message>
    <message>
        <source>{what}今天到期</source>
        <translation>{what} is due today</translation>
    </message>
    <message>
        <source>{what}将于 {month} 月 {day} 日到期</source>
        <translation>{what} is due on {month}/{day}</translation>
    </message>
    <message>
        <source>{n} 份执法监督意见书已过答复期限，尚未签发答复：{numbers}</source>
        <translation>{n} supervision letter(s) past the answer deadline without a signed answer: {numbers}</translation>
    </message>
    <message>
        <source>去答复</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>{n} 份执法监督意见书 7 天内到答复期限：{numbers}</source>
        <translation>{n} supervision letter(s) due for an answer within 7 days: {numbers}</translation>
    </message>
    <message>
        <source>{n} 条投诉举报线索超过 15 天未办结</source>
        <translation>{n} lead(s) not closed after 15 days</translation>
    </message>
    <message>
        <source>查看线索</source>
        <translation>View lead</translation>
    </message>
    <message>
        <source>{n} 条投诉举报线索 3 天内到办结期限</source>
        <translation>{n} lead(s) due to be closed within 3 days</translation>
    </message>
    <message>
        <source>下发的 {n} 份执法监督意见书已过期限仍未收到答复：{units}</source>
        <translation>{n} supervision letter(s) issued are past their deadline without an answer: {units}</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>{n} 名执法人员本年度学时不足（目标 {target} 学时）：{names}</source>
        <translation>{n} officer(s) short of this year&apos;s training hours (target {target} hours): {names}</translation>
    </message>
    <message>
        <source>{n} 名执法人员执法证缺失或过期，不得独立执法：{names}</source>
        <translation>{n} officer(s) with a missing or expired enforcement certificate, who may not enforce on their own: {names}</translation>
    </message>
    <message>
        <source>{n} 名执法人员的执法证 90 天内到期：{names}</source>
        <translation>{n} officer(s) whose enforcement certificate expires within 90 days: {names}</translation>
    </message>
    <message>
        <source>查看培训台账</source>
        <translation>View training ledger</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>工作台</source>
        <extracomment>The settings key of the campaign shown: a campaign id, or :data:`ALL`.</extracomment>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>近期截止（前后 30 / 60 天）</source>
        <translation>Deadlines (past 30 / next 60 days)</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>剩余</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <source>全部专项行动</source>
        <translation>All campaigns</translation>
    </message>
    <message>
        <source>{n} 天</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>另有 {n} 个已逾期问题，请在问题台账中查看。</source>
        <translation>{n} more overdue problems: see the ledger.</translation>
    </message>
    <message>
        <source>本行动的截止日期</source>
        <translation>This campaign&apos;s deadlines</translation>
    </message>
    <message>
        <source>本行动没有未到或近 30 天内的阶段截止和材料报送期限。</source>
        <translation>This campaign has no phase deadlines or material due dates ahead or in the last 30 days.</translation>
    </message>
    <message>
        <source>近期没有阶段截止或材料报送期限。</source>
        <translation>No phase deadlines or submission due dates in this period.</translation>
    </message>
    <message>
        <source>全过程留痕</source>
        <translation>Full audit trail</translation>
    </message>
    <message>
        <source>校验审计链…</source>
        <translation>Verify audit chain…</translation>
    </message>
    <message>
        <source>行动 / 阶段 / 报送材料</source>
        <translation>Campaign / phase / submission material</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>我负责的问题（未销号）</source>
        <translation>My problems (not struck off)</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>当前专项行动：</source>
        <translation>Current campaign:</translation>
    </message>
    <message>
        <source>问题总数</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>已销号</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>销号率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>7 天内到期</source>
        <translation>Due in 7 days</translation>
    </message>
    <message>
        <source>按状态</source>
        <translation>By status</translation>
    </message>
    <message>
        <source>按问题类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <source>还没有登记问题。</source>
        <translation>No problems recorded yet.</translation>
    </message>
    <message>
        <source>已逾期问题</source>
        <translation>Overdue problems</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue by</translation>
    </message>
    <message>
        <source>双击在问题台账中打开</source>
        <translation>Double-click to open in the ledger</translation>
    </message>
    <message>
        <source>没有逾期未销号的问题。</source>
        <translation>No overdue open problems.</translation>
    </message>
    <message>
        <source>没有由您负责、尚未销号的问题。</source>
        <translation>No problem of yours is waiting to be struck off.</translation>
    </message>
    <message>
        <source>{name}（{roles}），{unit}。今天是 {today}。</source>
        <translation>{name} ({roles}), {unit}. Today is {today}.</translation>
    </message>
    <message>
        <source>每一次新增、修改和删除都记入防篡改的审计链。</source>
        <translation>Every addition, change and deletion is recorded in the tamper-evident audit chain.</translation>
    </message>
    <message>
        <source>每一次新增、修改和删除都记入防篡改的审计链。
当前共 {seq} 条记录，末条哈希 {hash}…</source>
        <translation>Every addition, change and deletion is recorded in the tamper-evident audit chain.
{seq} records so far; last hash {hash}…</translation>
    </message>
    <message>
        <source>已逾期 {n} 天</source>
        <translation>Overdue by {n} day(s)</translation>
    </message>
    <message>
        <source>今天截止</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>还有 {n} 天</source>
        <translation>{n} day(s) left</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>Submission</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>问题类别：</source>
        <translation>Problem categories: </translation>
    </message>
    <message>
        <source>阶段：</source>
        <translation>Phase: </translation>
    </message>
    <message>
        <source>已过截止日</source>
        <translation>Past deadline</translation>
    </message>
    <message>
        <source>次月 {day} 日前</source>
        <translation>By day {day} of the next month</translation>
    </message>
    <message>
        <source>每月 {day} 日前</source>
        <translation>By day {day} of each month</translation>
    </message>
    <message>
        <source>报送：</source>
        <translation>Submission: </translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>数据库文件</source>
        <translation>Database file</translation>
    </message>
    <message>
        <source>日志文件</source>
        <translation>Log file</translation>
    </message>
    <message>
        <source>数据版本</source>
        <translation>Data version</translation>
    </message>
    <message>
        <source>打开数据文件夹</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>Looking…</translation>
    </message>
    <message>
        <source>最近一次备份</source>
        <translation>Latest backup</translation>
    </message>
    <message>
        <source>立即备份到U盘或文件夹…</source>
        <translation>Back up now to a USB stick or folder…</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>只有负责人或管理员可以从备份恢复。</source>
        <translation>Only a chief or an administrator may restore from a backup.</translation>
    </message>
    <message>
        <source>还没有备份</source>
        <translation>No backup yet</translation>
    </message>
    <message>
        <source>{time}&#x3000;{path}</source>
        <translation>{time}&#x3000;{path}</translation>
    </message>
    <message>
        <source>选择备份位置（U盘或文件夹）</source>
        <translation>Choose where to back up (USB stick or folder)</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>正在备份数据库和印证资料…</source>
        <translation>Backing up the database and evidence…</translation>
    </message>
    <message>
        <source>数据库已备份到：
{path}

印证资料已复制到：
{evidence}
（新复制 {copied} 个文件，原有 {present} 个）

备份已校验：数据库完整性检查和审计链校验均通过。</source>
        <translation>The database was backed up to:
{path}

The evidence was copied to:
{evidence}
({copied} files newly copied, {present} already there)

The backup was checked: the database integrity check and the audit chain both passed.</translation>
    </message>
    <message>
        <source>有 {count} 个印证资料文件无法读取或内容与记录不符，没有复制，详见日志文件。</source>
        <translation>{count} evidence files could not be read or did not match their records and were not copied; see the log file.</translation>
    </message>
    <message>
        <source>备份完成</source>
        <translation>Backup complete</translation>
    </message>
    <message>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>选择要恢复的备份</source>
        <translation>Choose the backup to restore</translation>
    </message>
    <message>
        <source>执法台账备份 (*.sqlite);;所有文件 (*)</source>
        <translation>FieldLedger backups (*.sqlite);;All files (*)</translation>
    </message>
    <message>
        <source>检查备份</source>
        <translation>Checking the backup</translation>
    </message>
    <message>
        <source>正在检查备份（完整性检查和审计链校验）…</source>
        <translation>Checking the backup (integrity check and audit chain)…</translation>
    </message>
    <message>
        <source>备份不能用来恢复</source>
        <translation>This backup cannot be restored</translation>
    </message>
    <message>
        <source>备份已通过检查（数据库完整性检查和审计链校验）：
{path}

单位：{unit}
备份时间：{created}
最后一次修改：{last}
问题台账：{problems} 条&#x3000;审计记录：{seq} 条</source>
        <translation>The backup passed its checks (database integrity check and audit chain):
{path}

Unit: {unit}
Backed up: {created}
Last change: {last}
Problems: {problems}   Audit entries: {seq}</translation>
    </message>
    <message>
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>注意：这个备份来自另一个台账安装（另一台电脑或另一个单位）。恢复后本机将使用那份台账的单位、人员和账号。</source>
        <translation>Note: this backup comes from another installation (another computer or another unit). After the restore this computer will use that ledger&apos;s unit, people and accounts.</translation>
    </message>
    <message>
        <source>恢复后，当前的数据库将完整地移到数据文件夹的 replaced 文件夹中保存，不会删除；备份时间之后的修改不在恢复后的台账中。恢复完成后需要重新登录。

确定要恢复吗？</source>
        <translation>The current database will be moved, complete, to the replaced folder of the data folder and kept, never deleted; changes made after the backup will not be in the restored ledger. You will log in again after the restore.

Restore now?</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>已从备份恢复：
{path}</source>
        <translation>Restored from the backup:
{path}</translation>
    </message>
    <message>
        <source>原来的数据库已保存到：
{path}</source>
        <translation>The previous database was kept at:
{path}</translation>
    </message>
    <message>
        <source>印证资料：从备份补回 {copied} 个文件，原有 {present} 个。</source>
        <translation>Evidence: {copied} file(s) copied back from the backup, {present} already present.</translation>
    </message>
    <message>
        <source>注意：印证资料没有全部从备份补回：
{reason}</source>
        <translation>Note: not all evidence files could be copied back from the backup:
{reason}</translation>
    </message>
    <message>
        <source>请重新登录。</source>
        <translation>Please log in again.</translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Restore complete</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>未设定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>输入或选择日期；按 Delete 键清除（未设定）</source>
        <translation>Type or pick a date; press Delete to clear it (not set)</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>清除日期</source>
        <translation>Clear date</translation>
    </message>
</context>
<context>
    <name>DecryptionSection</name>
    <message>
        <source>解密密钥（接收加密报送包）</source>
        <extracomment>How long the copy button says 已复制 (ms).</extracomment>
        <translation>Decryption key (for receiving encrypted submission packages)</translation>
    </message>
    <message>
        <source>下级单位登记本单位的单位签章密钥登记文件时自动得到接收公钥，此后它们的报送包只有本单位能解开。</source>
        <translation>Subordinate units receive the receiving public key automatically when they register this unit&apos;s seal key enrollment file; from then on, only this unit can open their submission packages.</translation>
    </message>
    <message>
        <source>接收公钥：</source>
        <translation>Receiving public key:</translation>
    </message>
    <message>
        <source>尚未生成</source>
        <translation>Not created yet</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>生成解密密钥…</source>
        <translation>Create decryption key…</translation>
    </message>
    <message>
        <source>导出接收公钥…</source>
        <translation>Export receiving public key…</translation>
    </message>
    <message>
        <source>交给另一位负责人…</source>
        <translation>Give to another chief…</translation>
    </message>
    <message>
        <source>状态：有效&#x3000;生成时间：{created}&#x3000;持有人：{names}</source>
        <translation>Status: Active&#x3000;Created: {created}&#x3000;Holders: {names}</translation>
    </message>
    <message>
        <source>另有 {n} 个已停用的旧解密密钥，仍用于打开以前加密给它们的报送包。</source>
        <translation>{n} more retired decryption key(s) are kept to open submission packages encrypted to them earlier.</translation>
    </message>
    <message>
        <source>生成后，请重新导出单位签章密钥的登记文件交给下级单位。</source>
        <translation>Once it is created, export the unit seal key enrollment file again and give it to the subordinate units.</translation>
    </message>
    <message>
        <source>您尚未持有解密密钥，不能用它导入加密的报送包。请持有它的负责人用“交给另一位负责人…”交给您。</source>
        <translation>You do not hold the decryption key, so you cannot use it to import encrypted submission packages. Ask a chief who holds it to give it to you with “Give to another chief…”.</translation>
    </message>
    <message>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
    <message>
        <source>生成解密密钥</source>
        <translation>Create decryption key</translation>
    </message>
    <message>
        <source>生成新的解密密钥后，现有密钥停用（仍保留，用于打开以前的报送包）。下级单位重新登记本单位的签章密钥登记文件后，才会改用新密钥加密。确定生成？</source>
        <translation>Once a new decryption key is created, the current key is retired (it is kept to open earlier submission packages). Subordinate units encrypt to the new key only after they register this unit&apos;s seal key enrollment file again. Create it?</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>将为本单位生成解密密钥，用于打开下级单位加密的报送包，由您持有；私钥以您的登录密码加密后保存在本机。请输入登录密码确认。</source>
        <translation>A decryption key will be created for the unit to open the encrypted submission packages of subordinate units, and held by you; the private key is encrypted with your login password and stored on this computer. Type your login password to confirm.</translation>
    </message>
    <message>
        <source>已生成解密密钥。请在“单位签章密钥”中重新导出登记文件交给下级单位：它们登记后，报送包就加密给本单位。</source>
        <translation>The decryption key has been created. Under “Unit seal key”, export the enrollment file again and give it to the subordinate units: once they register it, their submission packages are encrypted to this unit.</translation>
    </message>
    <message>
        <source>{unit}-接收公钥.txt</source>
        <translation>{unit}-receiving-public-key.txt</translation>
    </message>
    <message>
        <source>导出接收公钥</source>
        <translation>Export receiving public key</translation>
    </message>
    <message>
        <source>文本文件 (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <source>已导出接收公钥：{path}

下级单位登记本单位的签章密钥登记文件时会自动得到它；这个文件供对方手工设置“上级接收密钥…”或用 age 加密时使用。</source>
        <translation>Receiving public key exported: {path}

Subordinate units get it automatically when they register this unit&apos;s seal key enrollment file; this file is for setting it by hand under “Upper office receiving keys…” or for encrypting with age.</translation>
    </message>
    <message>
        <source>对方的用户名</source>
        <translation>Other chief&apos;s user name</translation>
    </message>
    <message>
        <source>对方的登录密码</source>
        <translation>Other chief&apos;s login password</translation>
    </message>
    <message>
        <source>交给另一位负责人</source>
        <translation>Give to another chief</translation>
    </message>
    <message>
        <source>交给对方</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>把解密密钥（连同已停用的旧密钥）交给另一位负责人：先由您输入自己的登录密码解开，再请对方在本机输入他自己的用户名和登录密码。对方的副本以他自己的密码加密。</source>
        <translation>Give the decryption key (together with the retired old keys) to another chief: first type your own login password to unlock it, then ask the other chief to type their own user name and login password on this computer. Their copy is encrypted with their own password.</translation>
    </message>
    <message>
        <source>解密密钥已交给对方。</source>
        <translation>The decryption key has been given to the other chief.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出报表</source>
        <extracomment>build(session, form code, options) -&gt; the Form; runs on the database worker. The settings keys of what the dialog remembers. format -&gt; file extension The codes (keys of models.form_data.FORMS) of the self-check and case-review forms.</extracomment>
        <translation>Export form</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>导出{name}</source>
        <translation>Export {name}</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Excel 工作簿（.xlsx）</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>PDF（可打印，带签名和校验二维码）</source>
        <translation>PDF (printable, with signatures and a verification QR code)</translation>
    </message>
    <message>
        <source>填报时间</source>
        <translation>Date filled in</translation>
    </message>
    <message>
        <source>填报人</source>
        <translation>Filled in by</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>导出到</source>
        <translation>Export to</translation>
    </message>
    <message>
        <source>“{name}”已存在。要替换它吗？</source>
        <translation>&quot;{name}&quot; already exists. Replace it?</translation>
    </message>
    <message>
        <source>正在导出《{name}》…</source>
        <translation>Exporting &quot;{name}&quot;…</translation>
    </message>
    <message>
        <source>已取消导出，没有留下文件。</source>
        <translation>The export was cancelled; no file was left behind.</translation>
    </message>
    <message>
        <source>导出没有完成</source>
        <translation>Export not finished</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>《{name}》已导出，共 {rows} 行：
{path}

内容摘要（SHA-256，已印在报表上）：
{digest}
打印件上的摘要与此相同，即说明打印件与电子文件内容一致。</source>
        <translation>&quot;{name}&quot; was exported, {rows} rows:
{path}

Content digest (SHA-256, printed on the form):
{digest}
When the digest on a printed copy is the same, the printout matches the electronic file.</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>打开文件</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>须先在台账上方选择一个专项行动：“回头看”台账按专项行动填报，标题中的年份取自专项行动。</source>
        <translation>First choose a campaign above the ledger: the look-back ledger is filled in per campaign, and the year in its title comes from the campaign.</translation>
    </message>
    <message>
        <source>搜索“{text}”</source>
        <translation>search &quot;{text}&quot;</translation>
    </message>
    <message>
        <source>全部问题</source>
        <translation>all problems</translation>
    </message>
    <message>
        <source>导出台账当前筛选的 {n} 条问题（{what}），按表格当前的排序。</source>
        <translation>Exports the {n} problems of the ledger&apos;s current filter ({what}), in the table&apos;s current order.</translation>
    </message>
    <message>
        <source>导出自查“{title}”的逐项结果。</source>
        <translation>Exports the item-by-item results of the self-check &quot;{title}&quot;.</translation>
    </message>
    <message>
        <source>导出案卷“{title}”的评查评分表。</source>
        <translation>Exports the review score sheet of the case file &quot;{title}&quot;.</translation>
    </message>
    <message>
        <source>生成报送包</source>
        <translation>Create submission package</translation>
    </message>
    <message>
        <source>不限专项行动（本单位全部记录）</source>
        <translation>Any campaign (all records of the unit)</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>报送期间</source>
        <translation>Submission period</translation>
    </message>
    <message>
        <source>报送材料</source>
        <translation>Materials to submit</translation>
    </message>
    <message>
        <source>写入到（U 盘或文件夹）</source>
        <translation>Write to (USB stick or folder)</translation>
    </message>
    <message>
        <source>下一步：签章…</source>
        <translation>Next: seal…</translation>
    </message>
    <message>
        <source>请至少选择一种报送材料。</source>
        <translation>Choose at least one kind of material to submit.</translation>
    </message>
    <message>
        <source>报送期间的开始日期晚于结束日期。</source>
        <translation>The start date of the submission period is later than the end date.</translation>
    </message>
    <message>
        <source>请选择要写入的 U 盘或文件夹。</source>
        <translation>Choose the USB stick or folder to write to.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>首次设置 - 执法台账</source>
        <translation>First-time setup - FieldLedger</translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>正在建立演示数据…</source>
        <translation>Creating demo data…</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>将导入</source>
        <translation>To import</translation>
    </message>
    <message>
        <source>已在台账（跳过）</source>
        <translation>In ledger (skipped)</translation>
    </message>
    <message>
        <source>有错误（不导入）</source>
        <translation>Error (not imported)</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>问题方面</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>具体表现</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>责任部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>导入 Excel 台账</source>
        <translation>Import Excel ledger</translation>
    </message>
    <message>
        <source>可导入通知附件格式的《专项整治问题清单》和《“回头看”清查评估台账》（.xlsx，标题、表头与附件一致）。先预览，确认无误后再导入；同一文件再次导入时，已在台账中的行会自动跳过。</source>
        <translation>Imports the notice&apos;s forms “Special campaign problem list” and “Look-back evaluation ledger” (.xlsx, title and header as in the attachments). Check the preview first, then import; when the same file is imported again, rows already in the ledger are skipped.</translation>
    </message>
    <message>
        <source>请选择要导入的 Excel 文件</source>
        <translation>Choose the Excel file to import</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>空白表格</source>
        <translation>Blank forms</translation>
    </message>
    <message>
        <source>保存通知附件格式的空白表格，填好后再导入</source>
        <translation>Save a blank form as the notice prints it, fill it in, then import it</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>（不属于专项行动）</source>
        <translation>(no campaign)</translation>
    </message>
    <message>
        <source>导入到专项行动</source>
        <translation>Import into campaign</translation>
    </message>
    <message>
        <source>无法识别问题类别的行</source>
        <translation>Rows with an unknown category</translation>
    </message>
    <message>
        <source>只显示有错误或提示的行</source>
        <translation>Show only rows with errors or notes</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>标为错误，不导入</source>
        <translation>Mark as errors, do not import</translation>
    </message>
    <message>
        <source>归入“{name}”</source>
        <translation>Put under “{name}”</translation>
    </message>
    <message>
        <source>选择 Excel 台账</source>
        <translation>Choose Excel ledger</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)</source>
        <translation>Excel workbooks (*.xlsx *.xlsm);;All files (*)</translation>
    </message>
    <message>
        <source>读取 Excel</source>
        <translation>Reading Excel</translation>
    </message>
    <message>
        <source>正在读取并检查每一行…</source>
        <translation>Reading and checking every row…</translation>
    </message>
    <message>
        <source>无法导入这个文件</source>
        <translation>This file cannot be imported</translation>
    </message>
    <message>
        <source>第 {row} 行：</source>
        <translation>Row {row}: </translation>
    </message>
    <message>
        <source>没有问题。</source>
        <translation>No problems.</translation>
    </message>
    <message>
        <source>尚未选择文件。</source>
        <translation>No file chosen yet.</translation>
    </message>
    <message>
        <source>读到：{layouts}（工作表：{sheets}）。</source>
        <translation>Found: {layouts} (sheets: {sheets}).</translation>
    </message>
    <message>
        <source>填报单位：{unit}。</source>
        <translation> Reporting unit: {unit}.</translation>
    </message>
    <message>
        <source>共 {total} 行：将导入 {new} 行，已在台账中 {dup} 行（跳过），有错误 {bad} 行（不导入）。</source>
        <translation>{total} rows: {new} to import, {dup} already in the ledger (skipped), {bad} with errors (not imported).</translation>
    </message>
    <message>
        <source>有错误的行请在 Excel 中改正后再导入本文件，已导入的行不会重复。</source>
        <translation>Correct the rows with errors in Excel and import this file again; rows already imported will not be duplicated.</translation>
    </message>
    <message>
        <source>导入 {n} 个问题</source>
        <translation>Import {n} problems</translation>
    </message>
    <message>
        <source>有 {bad} 行有错误，不会导入。先导入其余 {new} 行吗？</source>
        <translation>{bad} rows have errors and will not be imported. Import the other {new} rows now?</translation>
    </message>
    <message>
        <source>导入 Excel</source>
        <translation>Importing Excel</translation>
    </message>
    <message>
        <source>正在保存到问题台账…</source>
        <translation>Saving to the ledger…</translation>
    </message>
    <message>
        <source>导入没有完成</source>
        <translation>The import did not complete</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import complete</translation>
    </message>
    <message>
        <source>已导入 {n} 个问题到问题台账。</source>
        <translation>{n} problems were imported into the ledger.</translation>
    </message>
    <message>
        <source>保存空白表格</source>
        <translation>Save blank form</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>导入报送包</source>
        <translation>Import submission packages</translation>
    </message>
    <message>
        <source>待导入的报送包（{n} 个）：</source>
        <translation>Submission packages to import ({n}):</translation>
    </message>
    <message>
        <source>未选择（报送包未加密）</source>
        <translation>None chosen (submission packages not encrypted)</translation>
    </message>
    <message>
        <source>解密密钥（报送包加密时需要）：</source>
        <translation>Decryption key (needed for encrypted submission packages):</translation>
    </message>
    <message>
        <source>选择密钥文件…</source>
        <translation>Choose key file…</translation>
    </message>
    <message>
        <source>改用本机解密密钥</source>
        <translation>Use the decryption key on this computer instead</translation>
    </message>
    <message>
        <source>登录密码（解开本机解密密钥）：</source>
        <translation>Login password (unlocks the decryption key on this computer):</translation>
    </message>
    <message>
        <source>报送包加密时需要</source>
        <translation>Needed for encrypted submission packages</translation>
    </message>
    <message>
        <source>按“核验”检查报送包：只检查，不改动任何数据。</source>
        <translation>Press &quot;Verify&quot; to check the submission packages: this only checks them and changes no data.</translation>
    </message>
    <message>
        <source>导入时，未通过核验的报送包会移入隔离文件夹并记录原因，其中的数据不会导入。</source>
        <translation>On import, submission packages that fail verification are moved to the quarantine folder with the reason recorded, and their data is not imported.</translation>
    </message>
    <message>
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>使用本机解密密钥（需输入登录密码）</source>
        <translation>Use the decryption key on this computer (login password needed)</translation>
    </message>
    <message>
        <source>选择本级的解密密钥文件</source>
        <translation>Choose this office&apos;s decryption key file</translation>
    </message>
    <message>
        <source>解密密钥文件 (*.txt *.key);;所有文件 (*)</source>
        <translation>Decryption key files (*.txt *.key);;All files (*)</translation>
    </message>
    <message>
        <source>核验报送包</source>
        <translation>Verify submission packages</translation>
    </message>
    <message>
        <source>正在核验报送包…</source>
        <translation>Verifying submission packages…</translation>
    </message>
    <message>
        <source>核验 {n} 个报送包：可导入 {good} 个，已导入过 {done} 个，不合格 {bad} 个。</source>
        <translation>Verified {n} submission packages: {good} can be imported, {done} already imported, {bad} failed.</translation>
    </message>
    <message>
        <source>正在导入报送包…</source>
        <translation>Importing submission packages…</translation>
    </message>
    <message>
        <source>已导入过（无变化）</source>
        <translation>Already imported (no changes)</translation>
    </message>
    <message>
        <source>未完成（{reason}）</source>
        <translation>Not finished ({reason})</translation>
    </message>
    <message>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>（告警：{kinds}）</source>
        <translation> (alarms: {kinds})</translation>
    </message>
    <message>
        <source>已隔离（{reason}）</source>
        <translation>Quarantined ({reason})</translation>
    </message>
    <message>
        <source>已取消，未导入</source>
        <translation>Cancelled, not imported</translation>
    </message>
</context>
<context>
    <name>InstructionsDialog</name>
    <message>
        <source>下发指令</source>
        <translation>Send instructions</translation>
    </message>
    <message>
        <source>选择要下发给下级单位的专项行动、模板和执法监督意见书。指令文件用本单位签章密钥签名，写入 U 盘后交给该单位，由其在“报送 → 上级来文”中导入；该单位只接受已登记的上级单位签名的文件。</source>
        <translation>Choose the campaigns, templates and supervision letters to send to a subordinate unit. The instruction file is signed with the unit seal key; write it to a USB stick and give it to that unit, which imports it under “Submission → Instructions from upper office”. The unit accepts only files signed by its registered upper office.</translation>
    </message>
    <message>
        <source>下级单位</source>
        <translation>Subordinate unit</translation>
    </message>
    <message>
        <source>专项行动（完整定义：类别、阶段、报送材料）</source>
        <translation>Campaigns (full definition: categories, phases, materials to submit)</translation>
    </message>
    <message>
        <source>自查清单和评查标准模板</source>
        <translation>Self-check list and review standard templates</translation>
    </message>
    <message>
        <source>执法监督意见书</source>
        <translation>Supervision letters</translation>
    </message>
    <message>
        <source>下发</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>存在的问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>新建意见书…</source>
        <translation>New letter…</translation>
    </message>
    <message>
        <source>写入到（U 盘或文件夹）</source>
        <translation>Write to (USB stick or folder)</translation>
    </message>
    <message>
        <source>下一步：签章…</source>
        <translation>Next: seal…</translation>
    </message>
    <message>
        <source>已下发 {time}</source>
        <translation>Sent {time}</translation>
    </message>
    <message>
        <source>未下发</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <source>未设定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>请至少选择一项要下发的内容（专项行动、模板或执法监督意见书）。</source>
        <translation>Choose at least one thing to send (a campaign, template or supervision letter).</translation>
    </message>
    <message>
        <source>请选择要写入的 U 盘或文件夹。</source>
        <translation>Choose the USB stick or folder to write to.</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>Templates</translation>
    </message>
    <message>
        <source>下级单位：{name}（{code}）</source>
        <translation>Subordinate unit: {name} ({code})</translation>
    </message>
    <message>
        <source>写入到：{target}</source>
        <translation>Write to: {target}</translation>
    </message>
</context>
<context>
    <name>InstructionsPanel</name>
    <message>
        <source>上级单位下发的专项行动、模板和执法监督意见书（“…-指令-….json”文件）在这里核验和导入。只接受由已登记的上级单位签章密钥签名、发给本单位的来文；导入后，专项行动和模板出现在“设置”的专项行动和模板中。</source>
        <translation>Campaigns, templates and supervision letters sent by the upper office (“…-指令-….json” files) are verified and imported here. Only files signed with the registered upper office&apos;s seal key and addressed to this unit are accepted; once imported, the campaigns and templates appear under Campaigns and Templates in “Settings”.</translation>
    </message>
    <message>
        <source>导入上级来文…</source>
        <translation>Import instructions from upper office…</translation>
    </message>
    <message>
        <source>上级来文由本单位负责人或管理员导入。</source>
        <translation>Instructions from the upper office are imported by a chief or an administrator of the unit.</translation>
    </message>
    <message>
        <source>执法监督意见书（双击查看全文和答复）</source>
        <translation>Supervision letters (double-click to see the full text and reply)</translation>
    </message>
    <message>
        <source>查看和答复…</source>
        <translation>View and reply…</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>下发单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>签发日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>存在的问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>已导入的来文</source>
        <translation>Imported instruction files</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>来文单位</source>
        <translation>From</translation>
    </message>
    <message>
        <source>签发时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>已登记上级单位：{name}（{code}），签章密钥指纹 {fp}</source>
        <translation>Registered upper office: {name} ({code}), seal key fingerprint {fp}</translation>
    </message>
    <message>
        <source>尚未登记上级单位：请先在“报送上级（本单位）”中用“登记上级单位…”登记，才能核验来文。</source>
        <translation>No upper office is registered: first register it with “Register upper office…” under “Submit to upper office (this unit)”; only then can instruction files be verified.</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已答复</source>
        <translation>Replied</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>Not yet due</translation>
    </message>
    <message>
        <source>未设期限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <source>未设定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>专项行动 {n} 个</source>
        <translation>{n} campaign(s)</translation>
    </message>
    <message>
        <source>模板 {n} 个</source>
        <translation>{n} template(s)</translation>
    </message>
    <message>
        <source>意见书 {n} 份</source>
        <translation>{n} letter(s)</translation>
    </message>
    <message>
        <source>选择上级来文</source>
        <translation>Choose instruction file from upper office</translation>
    </message>
    <message>
        <source>上级来文 (*.json);;所有文件 (*)</source>
        <translation>Instruction files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>上级来文未通过核验</source>
        <translation>Instruction file failed verification</translation>
    </message>
    <message>
        <source>上级来文没有导入</source>
        <translation>Instruction file not imported</translation>
    </message>
    <message>
        <source>这份来文此前已导入，没有变化。</source>
        <translation>This instruction file was imported before; nothing changed.</translation>
    </message>
    <message>
        <source>已导入{office}第 {seq} 号来文：新增专项行动 {added} 个、更新 {updated} 个，新增模板 {templates} 个，收到执法监督意见书 {letters} 份。</source>
        <translation>Imported instruction file no. {seq} from {office}: {added} campaign(s) added, {updated} updated, {templates} template(s) added, {letters} supervision letter(s) received.</translation>
    </message>
    <message>
        <source>导入上级来文</source>
        <translation>Import instructions from upper office</translation>
    </message>
</context>
<context>
    <name>KeysPanel</name>
    <message>
        <source>签名口令就是您的登录密码：生成、更换、吊销密钥，导出登记文件和签署文件时都要输入它；修改登录密码后口令随之改变。私钥只以加密形式保存在本机，任何人（包括管理员）都读不到。</source>
        <translation>Your signing passphrase is your login password: you type it to create, rotate or revoke a key, to export an enrollment file and to sign files; when you change your login password, the passphrase changes with it. Private keys are stored on this computer only in encrypted form, and nobody (not even an administrator) can read them.</translation>
    </message>
    <message>
        <source>我的签名密钥</source>
        <translation>My signing key</translation>
    </message>
    <message>
        <source>单位签章密钥</source>
        <translation>Unit seal key</translation>
    </message>
    <message>
        <source>生成签名密钥…</source>
        <translation>Create signing key…</translation>
    </message>
    <message>
        <source>更换密钥…</source>
        <translation>Rotate key…</translation>
    </message>
    <message>
        <source>吊销…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <source>导出公钥…</source>
        <translation>Export public key…</translation>
    </message>
    <message>
        <source>导出登记文件…</source>
        <translation>Export enrollment file…</translation>
    </message>
    <message>
        <source>签署文件…</source>
        <translation>Sign file…</translation>
    </message>
    <message>
        <source>生成单位签章密钥…</source>
        <translation>Create unit seal key…</translation>
    </message>
    <message>
        <source>交给另一位负责人…</source>
        <translation>Give to another chief…</translation>
    </message>
    <message>
        <source>本单位全部密钥</source>
        <translation>All keys of the unit</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>人员/持有人</source>
        <translation>Person/holders</translation>
    </message>
    <message>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>生成时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>停用/吊销时间</source>
        <translation>Retired/revoked</translation>
    </message>
    <message>
        <source>导出所选密钥的公钥…</source>
        <translation>Export public key of selected key…</translation>
    </message>
    <message>
        <source>吊销人员密钥…</source>
        <translation>Revoke person&apos;s key…</translation>
    </message>
    <message>
        <source>更换和吊销记录（每条记录由相关密钥签名）</source>
        <translation>Rotation and revocation records (each signed by the keys concerned)</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>密钥</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>状态：{state}&#x3000;生成时间：{created}</source>
        <translation>Status: {state}&#x3000;Created: {created}</translation>
    </message>
    <message>
        <source>&#x3000;持有人：{names}</source>
        <translation>&#x3000;Holders: {names}</translation>
    </message>
    <message>
        <source>个人签名密钥供执法队员、法制审核人员和负责人签字使用，您的角色不需要。</source>
        <translation>Personal signing keys are for officers, legal reviewers and chiefs to sign with; your role does not need one.</translation>
    </message>
    <message>
        <source>该账号未关联人员，不能生成个人签名密钥。请管理员在“账号”中为它关联人员。</source>
        <translation>This account is not linked to a person, so it cannot have a personal signing key. Ask an administrator to link it to a person under &quot;Accounts&quot;.</translation>
    </message>
    <message>
        <source>上一个密钥 {fingerprint} {state}。</source>
        <translation>Previous key {fingerprint}: {state}.</translation>
    </message>
    <message>
        <source>生成后即可签字确认本人负责的问题，并签署报送的文件。</source>
        <translation>Once it is created, you can sign off the problems you are responsible for and sign the files you submit.</translation>
    </message>
    <message>
        <source>单位签章密钥代表本单位（相当于公章），由负责人生成和保管。</source>
        <translation>The unit seal key stands for the unit (like its official seal); a chief creates and keeps it.</translation>
    </message>
    <message>
        <source>您尚未持有单位签章密钥。请持有它的负责人用“交给另一位负责人…”交给您。</source>
        <translation>You do not hold the unit seal key yet. Ask a chief who holds it to give it to you with &quot;Give to another chief…&quot;.</translation>
    </message>
    <message>
        <source>单位签章密钥由负责人保管。您可以导出它的公钥，供他人校验本单位签署的文件。</source>
        <translation>The unit seal key is kept by the chiefs. You can export its public key so that others can check files signed by the unit.</translation>
    </message>
    <message>
        <source>持有人：{names}</source>
        <translation>Holders: {names}</translation>
    </message>
    <message>
        <source>（以单位签章密钥签署）</source>
        <translation> (signed with the unit seal key)</translation>
    </message>
    <message>
        <source>签名有效</source>
        <translation>Signature valid</translation>
    </message>
    <message>
        <source>签名无效</source>
        <translation>Signature invalid</translation>
    </message>
    <message>
        <source>单位签章密钥 {fingerprint}</source>
        <translation>Unit seal key {fingerprint}</translation>
    </message>
    <message>
        <source>{name}的签名密钥 {fingerprint}</source>
        <translation>{name}&apos;s signing key {fingerprint}</translation>
    </message>
    <message>
        <source>{unit}-单位签章公钥-{fingerprint}.pub</source>
        <translation>{unit}-unit-seal-key-{fingerprint}.pub</translation>
    </message>
    <message>
        <source>{name}-签名公钥-{fingerprint}.pub</source>
        <translation>{name}-signing-key-{fingerprint}.pub</translation>
    </message>
    <message>
        <source>生成签名密钥</source>
        <translation>Create signing key</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>将为{name}生成个人签名密钥。私钥以您的登录密码加密后保存在本机。请输入登录密码确认。</source>
        <translation>A personal signing key will be created for {name}. The private key is encrypted with your login password and stored on this computer. Type your login password to confirm.</translation>
    </message>
    <message>
        <source>生成单位签章密钥</source>
        <translation>Create unit seal key</translation>
    </message>
    <message>
        <source>将为本单位生成单位签章密钥（相当于公章），由您持有；之后可交给其他负责人各持一份。请输入登录密码确认。</source>
        <translation>A unit seal key (like the unit&apos;s official seal) will be created for the unit and held by you; later you can give each of the other chiefs a copy. Type your login password to confirm.</translation>
    </message>
    <message>
        <source>更换原因</source>
        <translation>Reason for rotation</translation>
    </message>
    <message>
        <source>更换{key}：生成新密钥，旧密钥停用；新旧两个密钥共同签署一份更换记录，已登记旧密钥的上级单位可据此信任新密钥。</source>
        <translation>Rotate {key}: a new key is created and the old one is retired; the old and new keys together sign a rotation record, which lets parent units that enrolled the old key trust the new one.</translation>
    </message>
    <message>
        <source>新的单位签章密钥只由您持有，请再交给其他负责人。</source>
        <translation> Only you will hold the new unit seal key; give it to the other chiefs again.</translation>
    </message>
    <message>
        <source>更换密钥</source>
        <translation>Rotate key</translation>
    </message>
    <message>
        <source>更换</source>
        <translation>Rotate</translation>
    </message>
    <message>
        <source>密钥已更换。请重新导出公钥和登记文件，交给上级单位和需要校验签名的人。</source>
        <translation>The key has been rotated. Export the public key and the enrollment file again, and give them to the parent unit and to whoever checks your signatures.</translation>
    </message>
    <message>
        <source>吊销密钥</source>
        <translation>Revoke key</translation>
    </message>
    <message>
        <source>确定吊销{key}吗？吊销后它不能再签名，也不能恢复；已签署的内容仍可用其公钥校验，但会显示该密钥已吊销。</source>
        <translation>Revoke {key}? A revoked key can no longer sign, and revocation cannot be undone; content it has already signed can still be checked with its public key, but will show that the key has been revoked.</translation>
    </message>
    <message>
        <source>吊销原因</source>
        <translation>Reason for revocation</translation>
    </message>
    <message>
        <source>吊销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>吊销{key}。吊销记录由该密钥本身签名。</source>
        <translation>Revoke {key}. The revocation record is signed by the key itself.</translation>
    </message>
    <message>
        <source>吊销人员密钥</source>
        <translation>Revoke person&apos;s key</translation>
    </message>
    <message>
        <source>确定用单位签章密钥吊销{key}吗？适用于本人遗忘口令、离职或密钥可能泄露的情形。吊销后不能恢复。</source>
        <translation>Revoke {key} with the unit seal key? Use this when the holder has forgotten the passphrase or left the unit, or when the key may have been compromised. Revocation cannot be undone.</translation>
    </message>
    <message>
        <source>吊销{key}。吊销记录由单位签章密钥签名：请输入您的登录密码，以解开您持有的单位签章密钥。</source>
        <translation>Revoke {key}. The revocation record is signed by the unit seal key: type your login password to unlock the unit seal key you hold.</translation>
    </message>
    <message>
        <source>对方的用户名</source>
        <translation>Other chief&apos;s user name</translation>
    </message>
    <message>
        <source>对方的登录密码</source>
        <translation>Other chief&apos;s login password</translation>
    </message>
    <message>
        <source>交给另一位负责人</source>
        <translation>Give to another chief</translation>
    </message>
    <message>
        <source>交给对方</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>把单位签章密钥交给另一位负责人：先由您输入自己的登录密码解开单位签章密钥，再请对方在本机输入他自己的用户名和登录密码。对方的副本以他自己的密码加密，双方互不知道对方的密码。</source>
        <translation>Give the unit seal key to another chief: first type your own login password to unlock the unit seal key, then ask the other chief to type their own user name and login password on this computer. Their copy is encrypted with their own password, so neither of you learns the other&apos;s password.</translation>
    </message>
    <message>
        <source>单位签章密钥已交给对方。</source>
        <translation>The unit seal key has been given to the other chief.</translation>
    </message>
    <message>
        <source>导出公钥</source>
        <translation>Export public key</translation>
    </message>
    <message>
        <source>minisign 公钥 (*.pub)</source>
        <translation>minisign public keys (*.pub)</translation>
    </message>
    <message>
        <source>已导出公钥：{path}

把它交给需要校验签名的人（最好当面或经可信渠道，不要与被签署的文件放在同一封邮件里）。对方用以下命令校验您签署的文件：
minisign -Vm &lt;文件&gt; -p &quot;{name}&quot;</source>
        <translation>Public key exported: {path}

Give it to the people who need to check your signatures (preferably in person or through a trusted channel, not in the same e-mail as the signed files). They check a file you signed with this command:
minisign -Vm &lt;file&gt; -p &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>{label}-登记文件.json</source>
        <translation>{label}-enrollment.json</translation>
    </message>
    <message>
        <source>导出登记文件</source>
        <translation>Export enrollment file</translation>
    </message>
    <message>
        <source>登记文件 (*.json)</source>
        <translation>Enrollment files (*.json)</translation>
    </message>
    <message>
        <source>签署并导出</source>
        <translation>Sign and export</translation>
    </message>
    <message>
        <source>登记文件写明本单位、{key}的公钥和指纹以及历次更换记录，并由该密钥签名，证明确实由持有人导出。把它交给上级单位，上级导入后即可核验本单位报送的签名。
将保存到：{path}</source>
        <translation>The enrollment file states the unit, the public key and fingerprint of {key} and all its rotation records, and is signed by that key to prove that its holder exported it. Give it to the parent unit; once the parent unit has imported it, it can check the signatures on what your unit submits.
It will be saved to: {path}</translation>
    </message>
    <message>
        <source>已导出登记文件：{path}
请同时把指纹 {fingerprint} 告诉上级单位（例如电话中读一遍），以便对方核对。</source>
        <translation>Enrollment file exported: {path}
Also tell the parent unit the fingerprint {fingerprint} (for example, read it out over the phone) so that they can compare it.</translation>
    </message>
    <message>
        <source>选择要签署的文件</source>
        <translation>Choose the file to sign</translation>
    </message>
    <message>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>文件：{path}
签名将写入：{signature}</source>
        <translation>File: {path}
The signature will be written to: {signature}</translation>
    </message>
    <message>
        <source>签署文件</source>
        <translation>Sign file</translation>
    </message>
    <message>
        <source>签署</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>用{key}签署“{name}”。签名采用通用的 minisign 格式，任何人都可用公钥校验。</source>
        <translation>Sign &quot;{name}&quot; with {key}. The signature is in the standard minisign format, so anyone can check it with the public key.</translation>
    </message>
    <message>
        <source>已签署“{name}”。
签名文件：{signature}

校验方法：把文件、签名文件和公钥文件（用“导出公钥…”导出）一起交给对方；对方安装 minisign 后，在文件所在的文件夹运行：
minisign -Vm &quot;{name}&quot; -p &quot;{pub}&quot;
显示 “Signature and comment signature verified” 即文件未被改动、确由本密钥签署。</source>
        <translation>Signed &quot;{name}&quot;.
Signature file: {signature}

To check it: give the file, the signature file and the public key file (exported with &quot;Export public key…&quot;) to the recipient; once minisign is installed, they run this in the folder that holds the file:
minisign -Vm &quot;{name}&quot; -p &quot;{pub}&quot;
If it prints &quot;Signature and comment signature verified&quot;, the file has not been changed and was signed with this key.</translation>
    </message>
</context>
<context>
    <name>LeadDialog</name>
    <message>
        <source>查看线索</source>
        <translation>View lead</translation>
    </message>
    <message>
        <source>修改线索</source>
        <translation>Edit lead</translation>
    </message>
    <message>
        <source>新建线索</source>
        <translation>New lead</translation>
    </message>
    <message>
        <source>带 * 的为必填项。Enter 键转到下一项，Ctrl+Enter 保存。登记办理情况后，线索即为“办理中”；办结由负责人确认。</source>
        <translation>Fields marked * are required. Enter moves to the next field, Ctrl+Enter saves. Once handling is recorded, the lead is “Being handled”; closing it is confirmed by the chief.</translation>
    </message>
    <message>
        <source>（不归入专项行动）</source>
        <translation>(not in a campaign)</translation>
    </message>
    <message>
        <source>来电、来信或来访人反映的问题</source>
        <translation>The problem reported by phone, letter or visit</translation>
    </message>
    <message>
        <source>如：大武超限检测站一班、某执法人员</source>
        <translation>e.g. Dawu overload inspection station shift 1, or an officer</translation>
    </message>
    <message>
        <source>如：货车司机马某 13900000000（不印在征询表上）</source>
        <translation>e.g. truck driver Mr Ma 13900000000 (not printed on the consultation form)</translation>
    </message>
    <message>
        <source>核查、转办、约谈等办理过程</source>
        <translation>How it was handled: checks, referrals, interviews, etc.</translation>
    </message>
    <message>
        <source>核查结论和答复反映人的情况（办结时必填）</source>
        <translation>Findings of the check and how the reporter was answered (required when closing)</translation>
    </message>
    <message>
        <source>受理日期 *</source>
        <translation>Date received *</translation>
    </message>
    <message>
        <source>来源渠道 *</source>
        <translation>Channel *</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>反映内容 *</source>
        <translation>Matter reported *</translation>
    </message>
    <message>
        <source>被反映单位/人</source>
        <translation>Unit/person concerned</translation>
    </message>
    <message>
        <source>反映人及联系方式</source>
        <translation>Reporter and contact details</translation>
    </message>
    <message>
        <source>办理情况</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>状态：{status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>办结日期 {day}</source>
        <translation>Closed on {day}</translation>
    </message>
    <message>
        <source>办理期限 {day}（受理后 {n} 日）</source>
        <translation>Time limit {day} ({n} days after receipt)</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>对应问题台账序号 {seq}</source>
        <translation>Ledger problem no. {seq}</translation>
    </message>
    <message>
        <source>登记人 {name}</source>
        <translation>Recorded by {name}</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>LeadProblemDialog</name>
    <message>
        <source>转为台账问题</source>
        <translation>Add to ledger as a problem</translation>
    </message>
    <message>
        <source>（未归入专项行动）</source>
        <translation>(no campaign)</translation>
    </message>
    <message>
        <source>在问题台账中登记一个“待整改”问题（来源：投诉举报，渠道 {channel}），专项行动：{campaign}。线索将对应这个问题。</source>
        <translation>Records a problem “To rectify” in the problem ledger (source: complaint/report, channel {channel}), campaign: {campaign}. The lead will be linked to this problem.</translation>
    </message>
    <message>
        <source>选择或输入问题方面</source>
        <translation>Choose or type a category</translation>
    </message>
    <message>
        <source>问题方面 *</source>
        <translation>Category *</translation>
    </message>
    <message>
        <source>存在问题 *</source>
        <translation>Problem *</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Rectification measures</translation>
    </message>
    <message>
        <source>责任部门</source>
        <translation>Responsible department</translation>
    </message>
    <message>
        <source>具体表现取线索的来源渠道、受理日期和反映内容。</source>
        <translation>The details are taken from the lead&apos;s channel, date received and matter reported.</translation>
    </message>
    <message>
        <source>登记问题</source>
        <translation>Record problem</translation>
    </message>
</context>
<context>
    <name>LeadsPage</name>
    <message>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>反映内容</source>
        <translation>Matter reported</translation>
    </message>
    <message>
        <source>被反映单位/人</source>
        <translation>Unit/person concerned</translation>
    </message>
    <message>
        <source>办理情况</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>对应问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>搜索反映内容、被反映单位/人、办理情况…</source>
        <translation>Search matter reported, unit/person concerned, handling…</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>超期未办结</source>
        <translation>Overdue, not closed</translation>
    </message>
    <message>
        <source>全部渠道</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>全部专项行动</source>
        <translation>All campaigns</translation>
    </message>
    <message>
        <source>新建线索…</source>
        <translation>New lead…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>修改所选线索（Enter 或双击）</source>
        <translation>Edit the selected lead (Enter or double-click)</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除误登记的线索（负责人）</source>
        <translation>Delete a lead recorded by mistake (chief)</translation>
    </message>
    <message>
        <source>转为台账问题…</source>
        <translation>Add to ledger as a problem…</translation>
    </message>
    <message>
        <source>在问题台账中登记问题（来源：投诉举报）</source>
        <translation>Record a problem in the problem ledger (source: complaint/report)</translation>
    </message>
    <message>
        <source>关联已有问题…</source>
        <translation>Link existing problem…</translation>
    </message>
    <message>
        <source>线索反映的问题已在问题台账中：关联到该问题</source>
        <translation>The problem reported in the lead is already in the problem ledger: link the lead to it</translation>
    </message>
    <message>
        <source>打开问题</source>
        <translation>Open problem</translation>
    </message>
    <message>
        <source>在问题台账中打开对应的问题</source>
        <translation>Open the linked problem in the problem ledger</translation>
    </message>
    <message>
        <source>办结…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <source>填写办理结果并办结（负责人）</source>
        <translation>Enter the outcome and close the lead (chief)</translation>
    </message>
    <message>
        <source>重新办理…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>已办结的线索重新办理（负责人）</source>
        <translation>Reopen a closed lead (chief)</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>按当前筛选导出线索征询表（Excel 或 PDF）</source>
        <translation>Export the consultation form of leads with the current filter (Excel or PDF)</translation>
    </message>
    <message>
        <source>序号 {seq}</source>
        <translation>No. {seq}</translation>
    </message>
    <message>
        <source>{status} {day}</source>
        <translation>{status} {day}</translation>
    </message>
    <message>
        <source>{status}（超期）</source>
        <translation>{status} (overdue)</translation>
    </message>
    <message>
        <source>问题台账序号 {seq}（{status}），{campaign}</source>
        <translation>Ledger problem no. {seq} ({status}), {campaign}</translation>
    </message>
    <message>
        <source>未归入专项行动</source>
        <translation>Not in a campaign</translation>
    </message>
    <message>
        <source>反映人：{who}</source>
        <translation>Reporter: {who}</translation>
    </message>
    <message>
        <source>受理后 {n} 日未办结即为超期</source>
        <translation>Overdue if not closed within {n} days after receipt</translation>
    </message>
    <message>
        <source>共 {n} 条：待办理 {open}，办理中 {handling}，已办结 {closed}；纳入问题台账 {linked} 条。</source>
        <translation>{n} in total: {open} to handle, {handling} being handled, {closed} closed; {linked} in the problem ledger.</translation>
    </message>
    <message>
        <source>超期未办结 {n} 条（受理后超过 {days} 日），以红色显示。</source>
        <translation>{n} overdue and not closed (more than {days} days after receipt), shown in red.</translation>
    </message>
    <message>
        <source>查看…</source>
        <translation>View…</translation>
    </message>
    <message>
        <source>删除线索</source>
        <translation>Delete lead</translation>
    </message>
    <message>
        <source>删除 {day} 受理的这条线索？只有登记错误的线索才应删除，删除记录保留在审计日志中。</source>
        <translation>Delete this lead received on {day}? Only leads recorded by mistake should be deleted; the deletion is kept in the audit log.</translation>
    </message>
    <message>
        <source>重新办理</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>重新办理的原因（记入办理情况）：</source>
        <translation>Reason for reopening (recorded under handling):</translation>
    </message>
    <message>
        <source>（取消关联序号 {seq}）</source>
        <translation>(unlink No. {seq})</translation>
    </message>
    <message>
        <source>序号 {seq}&#x3000;[{category}] {issue}（{status}）</source>
        <translation>No. {seq}&#x3000;[{category}] {issue} ({status})</translation>
    </message>
    <message>
        <source>关联已有问题</source>
        <translation>Link existing problem</translation>
    </message>
    <message>
        <source>问题台账中没有可以关联的未销号问题。</source>
        <translation>The problem ledger has no open problems that can be linked.</translation>
    </message>
    <message>
        <source>{day} 受理的线索关联到：</source>
        <translation>Link the lead received on {day} to:</translation>
    </message>
    <message>
        <source>导出当前筛选的 {n} 条线索（按受理日期先后排列）。</source>
        <translation>Exports the {n} leads of the current filter (in order of date received).</translation>
    </message>
</context>
<context>
    <name>LedgerBody</name>
    <message>
        <source>（{doc_no}）</source>
        <translation> ({doc_no})</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>第 {n} 版（已冻结）</source>
        <translation>Revision {n} (frozen)</translation>
    </message>
    <message>
        <source>第 {n} 版（签署后冻结）</source>
        <translation>Revision {n} (frozen once signed)</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>有效 {valid}，已过期 {stale}，无效 {invalid}，未签字 {unsigned}</source>
        <translation>Valid {valid}, stale {stale}, invalid {invalid}, not signed {unsigned}</translation>
    </message>
    <message>
        <source>责任人签字</source>
        <translation>Responsible person&apos;s sign-off</translation>
    </message>
    <message>
        <source>内容摘要（SHA-256）</source>
        <translation>Content digest (SHA-256)</translation>
    </message>
    <message>
        <source>有 {n} 条问题没有有效的责任人签字。</source>
        <translation>{n} problems have no valid sign-off by the responsible person.</translation>
    </message>
    <message>
        <source>本版台账尚未经审核人审核。</source>
        <translation>This revision of the ledger has not been reviewed yet.</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>问题方面</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>整改完成情况</source>
        <translation>Rectification result</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>序号</source>
        <extracomment>The roles the model answers. The view asks for seven roles of every painted cell, 100,000s of calls while scrolling: the others are refused by one dict lookup (the role is an IntEnum, which hashes as its int). (sort key of models.ledger_query, header text)</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>问题方面</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>最近更新</source>
        <translation>Last updated</translation>
    </message>
    <message>
        <source>责任人签字</source>
        <translation>Sign-off</translation>
    </message>
    <message>
        <source>✓ 有效</source>
        <extracomment>Columns the ledger cannot be sorted by (worked out per row, not stored).</extracomment>
        <translation>✓ Valid</translation>
    </message>
    <message>
        <source>⚠ 已过期</source>
        <translation>⚠ Stale</translation>
    </message>
    <message>
        <source>✗ 无效</source>
        <translation>✗ Invalid</translation>
    </message>
    <message>
        <source>未签字</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>责任人签字有效：签字后内容未改动。</source>
        <translation>The responsible person&apos;s sign-off is valid: the content has not changed since signing.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>签字后经本软件改动 {n} 次（{fields}），需责任人重新签字。</source>
        <translation>Changed {n} time(s) in this program since signing ({fields}); the responsible person needs to sign again.</translation>
    </message>
    <message>
        <source>签字无效：内容在本软件之外被改动过，请核实后由责任人重新签字。</source>
        <translation>Signature invalid: the content was changed outside this program. Check it, then have the responsible person sign again.</translation>
    </message>
    <message>
        <source>签字无效：签字时所用密钥已被吊销。</source>
        <translation>Signature invalid: the key used to sign has been revoked.</translation>
    </message>
    <message>
        <source>签字无效：签名与内容不符，签字数据可能被篡改。</source>
        <translation>Signature invalid: the signature does not match the content; the signature data may have been tampered with.</translation>
    </message>
    <message>
        <source>责任人尚未签字确认。</source>
        <translation>The responsible person has not signed off yet.</translation>
    </message>
    <message>
        <source>（签字所用密钥已于签字后吊销。）</source>
        <translation> (The key used was revoked after signing.)</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>7 天内到期</source>
        <translation>Due within 7 days</translation>
    </message>
    <message>
        <source>（改动 {n} 次）</source>
        <translation> ({n} change(s))</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>未销号</source>
        <translation>Not struck off</translation>
    </message>
    <message>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>7 天内到期</source>
        <translation>Due within 7 days</translation>
    </message>
    <message>
        <source>搜索问题、表现、措施、备注…</source>
        <translation>Search problems, details, measures, remarks…</translation>
    </message>
    <message>
        <source>新建问题</source>
        <translation>New problem</translation>
    </message>
    <message>
        <source>导入 Excel…</source>
        <translation>Import Excel…</translation>
    </message>
    <message>
        <source>导入专项整治问题清单或“回头看”清查评估台账</source>
        <translation>Import a special-campaign problem list or a look-back evaluation ledger</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>把当前筛选的问题导出为通知附件格式的 Excel 或 PDF 报表</source>
        <translation>Export the filtered problems as the notice&apos;s attachment forms, in Excel or PDF</translation>
    </message>
    <message>
        <source>批量调整…</source>
        <translation>Bulk change…</translation>
    </message>
    <message>
        <source>全部专项行动</source>
        <translation>All campaigns</translation>
    </message>
    <message>
        <source>全部责任人</source>
        <translation>All responsible persons</translation>
    </message>
    <message>
        <source>全部问题方面</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>共 {total} 条</source>
        <translation>{total} in total</translation>
    </message>
    <message>
        <source>；已逾期 {n} 条</source>
        <translation>; {n} overdue</translation>
    </message>
    <message>
        <source>；7 天内到期 {n} 条</source>
        <translation>; {n} due within 7 days</translation>
    </message>
    <message>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>当前问题有尚未保存的修改。要先保存吗？</source>
        <translation>The current problem has unsaved changes. Save them first?</translation>
    </message>
    <message>
        <source>说明（必填）：</source>
        <translation>Explanation (required):</translation>
    </message>
    <message>
        <source>验收意见（可不填）：</source>
        <translation>Verification comments (optional):</translation>
    </message>
    <message>
        <source>整改流程</source>
        <translation>Rectification workflow</translation>
    </message>
    <message>
        <source>整改进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>今天做了什么：</source>
        <translation>What was done today:</translation>
    </message>
    <message>
        <source>选择印证资料</source>
        <translation>Choose evidence</translation>
    </message>
    <message>
        <source>照片、扫描件和文档 (*.jpg *.jpeg *.png *.heic *.tif *.tiff *.pdf *.doc *.docx *.xls *.xlsx *.wps *.et *.ofd *.txt);;所有文件 (*)</source>
        <translation>Photos, scans and documents (*.jpg *.jpeg *.png *.heic *.tif *.tiff *.pdf *.doc *.docx *.xls *.xlsx *.wps *.et *.ofd *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>（责任人不变）</source>
        <translation>(Keep responsible person)</translation>
    </message>
    <message>
        <source>批量调整</source>
        <translation>Bulk change</translation>
    </message>
    <message>
        <source>{n} 个问题的责任人：</source>
        <translation>Responsible person for {n} problem(s):</translation>
    </message>
    <message>
        <source>新的整改时限（如 2024-08-31，留空则不变）：</source>
        <translation>New deadline (e.g. 2024-08-31; leave empty to keep it unchanged):</translation>
    </message>
</context>
<context>
    <name>LedgerSignatureBar</name>
    <message>
        <source>签字确认我的问题…</source>
        <translation>Sign off my problems…</translation>
    </message>
    <message>
        <source>审核签署…</source>
        <translation>Review and sign…</translation>
    </message>
    <message>
        <source>单位盖章…</source>
        <translation>Apply unit seal…</translation>
    </message>
    <message>
        <source>签署记录…</source>
        <translation>Signature history…</translation>
    </message>
    <message>
        <source>正在读取签署情况…</source>
        <translation>Reading signatures…</translation>
    </message>
    <message>
        <source>责任人签字确认</source>
        <translation>Sign-off by the responsible person</translation>
    </message>
    <message>
        <source>本专项行动中您负责的问题都已有有效的签字。</source>
        <translation>All the problems you are responsible for in this campaign already have a valid sign-off.</translation>
    </message>
</context>
<context>
    <name>LedgerSignatures</name>
    <message>
        <source>✓ 有效</source>
        <translation>✓ Valid</translation>
    </message>
    <message>
        <source>⚠ 已过期</source>
        <translation>⚠ Stale</translation>
    </message>
    <message>
        <source>✗ 无效</source>
        <translation>✗ Invalid</translation>
    </message>
    <message>
        <source>签署后台账未改动。</source>
        <translation>The ledger has not changed since it was signed.</translation>
    </message>
    <message>
        <source>签署后台账已改动，需要对新版本重新签署。</source>
        <translation>The ledger has changed since it was signed; the new revision needs to be signed again.</translation>
    </message>
    <message>
        <source>自最新签署版本以来改动 {n} 行。</source>
        <translation> {n} rows changed since the latest signed revision.</translation>
    </message>
    <message>
        <source>签署无效：签署时所用密钥已被吊销。</source>
        <translation>Signature invalid: the key used to sign has been revoked.</translation>
    </message>
    <message>
        <source>签署无效：签名与冻结的台账内容不符，数据可能被篡改。</source>
        <translation>Signature invalid: the signature does not match the frozen ledger content; the data may have been tampered with.</translation>
    </message>
    <message>
        <source>（所用密钥已于签署后吊销。）</source>
        <translation> (The key used was revoked after signing.)</translation>
    </message>
    <message>
        <source>本台账尚未审核、盖章（当前为第 1 版草稿）。</source>
        <translation>This ledger has not been reviewed or sealed yet (it is currently the draft of revision 1).</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>第 {n} 版：</source>
        <translation>Revision {n}: </translation>
    </message>
    <message>
        <source>&lt;b&gt;当前为第 {draft} 版草稿&lt;/b&gt;：自第 {n} 版签署后改动 {count} 行。</source>
        <translation>&lt;b&gt;Currently the draft of revision {draft}&lt;/b&gt;: {count} rows changed since revision {n} was signed.</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>修改：{fields}</source>
        <translation>Changed: {fields}</translation>
    </message>
</context>
<context>
    <name>LedgerSignaturesDialog</name>
    <message>
        <source>台账签署记录</source>
        <translation>Ledger signature history</translation>
    </message>
    <message>
        <source>版本 / 签署</source>
        <translation>Revision / signature</translation>
    </message>
    <message>
        <source>签署人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>密钥指纹</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>第 {n} 版（{rows} 条）</source>
        <translation>Revision {n} ({rows} rows)</translation>
    </message>
    <message>
        <source>第 {draft} 版草稿：自第 {n} 版签署后的改动</source>
        <translation>Draft of revision {draft}: changes since revision {n} was signed</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>改动</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <source>新建执法监督意见书</source>
        <translation>New supervision letter</translation>
    </message>
    <message>
        <source>发往：{name}（{code}）。意见书保存后，随下一次下发的指令送达该单位。</source>
        <translation>To: {name} ({code}). Once saved, the letter reaches the unit with the next instructions sent to it.</translation>
    </message>
    <message>
        <source>如 果交执法监〔2024〕3号</source>
        <translation>e.g. 果交执法监〔2024〕3号</translation>
    </message>
    <message>
        <source>意见书编号</source>
        <translation>Letter no.</translation>
    </message>
    <message>
        <source>所属专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>每行一个问题</source>
        <translation>One problem per line</translation>
    </message>
    <message>
        <source>存在的问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>整改要求</source>
        <translation>Rectification requirements</translation>
    </message>
    <message>
        <source>限期</source>
        <translation>Set a deadline</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>LetterView</name>
    <message>
        <source>执法监督意见书 {number}</source>
        <translation>Supervision letter {number}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 - 执法台账</source>
        <translation>Log in - FieldLedger</translation>
    </message>
    <message>
        <source>执法台账</source>
        <translation>FieldLedger</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>演示数据：账号 chief（站长）、reviewer（法制审核）、officer（执法队员）、admin（管理员），密码均为 {password}</source>
        <translation>Demo data: accounts chief (Station chief), reviewer (Legal reviewer), officer (Officer) and admin (Administrator); the password for all of them is {password}</translation>
    </message>
    <message>
        <source>正在验证…</source>
        <translation>Verifying…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>执法台账</source>
        <translation>FieldLedger</translation>
    </message>
    <message>
        <source>当前用户：{name}
角色：{roles}</source>
        <translation>Logged in: {name}
Roles: {roles}</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>问题台账</source>
        <translation>Problem ledger</translation>
    </message>
    <message>
        <source>自查自纠</source>
        <translation>Self-check</translation>
    </message>
    <message>
        <source>案卷评查</source>
        <translation>Case-file review</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>Submission</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>数据文件夹：{path}</source>
        <translation>Data folder: {path}</translation>
    </message>
    <message>
        <source>其他台账</source>
        <translation>Other ledgers</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>长者模式（大字）</source>
        <translation>Large-text mode</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于执法台账</source>
        <translation>About FieldLedger</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>密码已修改，下次登录请使用新密码。</source>
        <translation>Your password has been changed. Use the new password the next time you log in.</translation>
    </message>
</context>
<context>
    <name>MarksTree</name>
    <message>
        <source>评查条目</source>
        <translation>Review item</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>每处扣分</source>
        <translation>Per occurrence</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>扣分</source>
        <translation>Deduction</translation>
    </message>
    <message>
        <source>扣分说明</source>
        <translation>Deduction notes</translation>
    </message>
    <message>
        <source>问题台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>{name}（任一项成立即不合格、得 0 分）</source>
        <translation>{name} (any item found: Fail, 0 points)</translation>
    </message>
    <message>
        <source>{name}（{points} 分）</source>
        <translation>{name} ({points} points)</translation>
    </message>
    <message>
        <source>否决</source>
        <translation>Veto</translation>
    </message>
    <message>
        <source>（请填写扣分说明）</source>
        <translation>(Enter deduction notes)</translation>
    </message>
    <message>
        <source>已转入</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>已登记为问题台账中的问题，双击查看</source>
        <translation>Registered as a problem in the ledger; double-click to view</translation>
    </message>
</context>
<context>
    <name>MaterialsView</name>
    <message>
        <source>专项行动</source>
        <extracomment>state -&gt; (text colour, background) How long a changed control waits for the next change before the table loads (ms).</extracomment>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>按期间</source>
        <translation>By period</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>含数据材料</source>
        <translation>Include data materials</translation>
    </message>
    <message>
        <source>同时列出报送包中的问题台账、自查自纠和案卷评查记录</source>
        <translation>Also list the problem ledger, self-check and case-file review records in the submission packages</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>√ 已报送&#x3000;√逾期 在规定时限之后才报送（按报送包的签名生成时间）&#x3000;未通过验证 收到的报送包未通过验证，已隔离&#x3000;× 未报送。只统计截至日期之前收到的、属于所选专项行动（文号相同）和期间的报送包；鼠标停在格子上可看到依据的报送包。</source>
        <translation>√ submitted&#x3000;√ late: submitted after the due date (by the signed creation time of the package)&#x3000;Failed verification: the package received failed verification and was quarantined&#x3000;× not submitted. Only submission packages received by the as-of date that belong to the chosen campaign (same document no.) and period are counted; rest the pointer on a cell to see the package it is based on.</translation>
    </message>
    <message>
        <source>期间的开始日期晚于结束日期。</source>
        <translation>The start date of the period is later than the end date.</translation>
    </message>
    <message>
        <source>本机还没有专项行动。请先在“设置 → 专项行动”中建立与下级单位相同文号的专项行动，并列出要求报送的材料。</source>
        <translation>There are no campaigns on this computer yet. First create, under “Settings → Campaigns”, a campaign with the same document no. as the subordinate units use, and list the materials to submit.</translation>
    </message>
    <message>
        <source>规定时限：{due}</source>
        <translation>Due date: {due}</translation>
    </message>
    <message>
        <source>报送包中的数据材料（无规定时限）</source>
        <translation>Data material in the submission packages (no due date)</translation>
    </message>
    <message>
        <source>无规定时限</source>
        <translation>No due date</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>还没有登记下级单位。在“已登记单位”中登记后，这里列出各单位的报送情况。</source>
        <translation>No subordinate units are enrolled yet. Once units are enrolled under “Enrolled units”, their submissions are listed here.</translation>
    </message>
    <message>
        <source>{n} 个单位：{complete} 个全部报送，{late} 个有逾期，{failed} 个未通过验证，{partial} 个未报齐，{none} 个未报送。（截至 {as_of}）</source>
        <translation>{n} units: {complete} submitted everything, {late} with late submissions, {failed} failed verification, {partial} incomplete, {none} submitted nothing. (As of {as_of})</translation>
    </message>
    <message>
        <source>第 {seqs} 号包未通过验证</source>
        <translation>Package no. {seqs} failed verification</translation>
    </message>
    <message>
        <source>报送包未通过验证</source>
        <translation>Submission package failed verification</translation>
    </message>
    <message>
        <source>第 {seq} 号报送包</source>
        <translation>Submission package no. {seq}</translation>
    </message>
    <message>
        <source>生成时间：{time}</source>
        <translation>Created: {time}</translation>
    </message>
    <message>
        <source>收到时间：{time}</source>
        <translation>Received: {time}</translation>
    </message>
    <message>
        <source>第 {seq} 号报送包未通过验证，已隔离，其中的材料不予采信</source>
        <translation>Submission package no. {seq} failed verification and was quarantined; its materials are not accepted</translation>
    </message>
    <message>
        <source>原因：{reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <source>截至 {day} 没有收到含这项材料的报送包</source>
        <translation>No submission package with this material received by {day}</translation>
    </message>
    <message>
        <source>报送包生成于规定时限之后（逾期）</source>
        <translation>The submission package was created after the due date (late)</translation>
    </message>
    <message>
        <source>导出“{campaign}”的资料报送统计表（截至 {as_of}{period}）。</source>
        <translation>Exports the Statistics of materials submitted for “{campaign}” (as of {as_of}{period}).</translation>
    </message>
    <message>
        <source>，报送期间 {start} 至 {end}</source>
        <translation>, submission period {start} to {end}</translation>
    </message>
</context>
<context>
    <name>NewSelfCheckDialog</name>
    <message>
        <source>新建自查</source>
        <translation>New self-check</translation>
    </message>
    <message>
        <source>可不填：默认为自查清单名称和版本</source>
        <translation>Optional: defaults to the self-check list name and version</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>自查清单</source>
        <translation>Self-check list</translation>
    </message>
    <message>
        <source>自查名称</source>
        <translation>Self-check name</translation>
    </message>
    <message>
        <source> [示例]</source>
        <translation> [example]</translation>
    </message>
    <message>
        <source>没有在用的自查清单：请负责人在 设置 → 检查模板 中导入。</source>
        <translation>No active self-check list: ask a manager to import one in Settings → Templates.</translation>
    </message>
    <message>
        <source>共 {n} 项，分 {groups} 组：{names}</source>
        <translation>{n} items in {groups} groups: {names}</translation>
    </message>
    <message>
        <source>这份清单的分组（{names}）与本专项行动的问题类别对不上，请选用相符的清单。</source>
        <translation>The groups of this list ({names}) do not match the problem categories of this campaign. Choose a matching list.</translation>
    </message>
</context>
<context>
    <name>OfficeBrowse</name>
    <message>
        <source>签字无效：签字所用密钥属于其他单位，不是本单位的密钥。</source>
        <extracomment>The station ledger&apos;s header texts (context LedgerModel), reused for the same columns. Why a 责任人签字 is invalid at the office (models.office_records.OFFICE_REASONS).</extracomment>
        <translation>Signature invalid: the key used to sign belongs to another unit, not to this unit.</translation>
    </message>
    <message>
        <source>签字无效：签字所用密钥不在本单位报送的签名密钥中。</source>
        <translation>Signature invalid: the key used to sign is not among the signing keys this unit has submitted.</translation>
    </message>
    <message>
        <source>签字无效：所用单位签章密钥不是本机为该单位登记的签章密钥。</source>
        <translation>Signature invalid: the unit seal key used is not the seal key enrolled for this unit on this computer.</translation>
    </message>
    <message>
        <source>签字无效：没有收到签字时的审计记录，无法核验。</source>
        <translation>Signature invalid: the audit record of the signing has not been received, so it cannot be verified.</translation>
    </message>
    <message>
        <source>签署无效：所用密钥属于其他单位，不是本单位的密钥。</source>
        <extracomment>The same for a 审核 / 单位盖章 signature.</extracomment>
        <translation>Signature invalid: the key used belongs to another unit, not to this unit.</translation>
    </message>
    <message>
        <source>签署无效：所用密钥不在本单位报送的签名密钥中。</source>
        <translation>Signature invalid: the key used is not among the signing keys this unit has submitted.</translation>
    </message>
    <message>
        <source>签署无效：所用单位签章密钥不是本机为该单位登记的签章密钥。</source>
        <translation>Signature invalid: the unit seal key used is not the seal key enrolled for this unit on this computer.</translation>
    </message>
    <message>
        <source>签署无效：没有收到签署时的审计记录，无法核验。</source>
        <translation>Signature invalid: the audit record of the signature has not been received, so it cannot be verified.</translation>
    </message>
    <message>
        <source>{name} 于 {time} 签字，密钥指纹 {fingerprint}。</source>
        <translation>{name} signed on {time}, key fingerprint {fingerprint}.</translation>
    </message>
    <message>
        <source>下级单位：</source>
        <translation>Subordinate unit:</translation>
    </message>
    <message>
        <source>筛选：输入文字（如问题、责任人、案卷编号）</source>
        <translation>Filter: type text (e.g. problem, responsible person, case no.)</translation>
    </message>
    <message>
        <source>培训台账</source>
        <translation>Training ledger</translation>
    </message>
    <message>
        <source>投诉举报线索</source>
        <translation>Complaint/report leads</translation>
    </message>
    <message>
        <source>简报和统计</source>
        <translation>Briefs and statistics</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>问题台账</source>
        <translation>Problem ledger</translation>
    </message>
    <message>
        <source>自查名称</source>
        <translation>Self-check name</translation>
    </message>
    <message>
        <source>检查清单</source>
        <translation>Self-check list</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已填 / 条目</source>
        <translation>Answered / items</translation>
    </message>
    <message>
        <source>不符合</source>
        <translation>Does not conform</translation>
    </message>
    <message>
        <source>填报人</source>
        <translation>Filled in by</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>检查内容</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>所属方面</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>印证资料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>问题序号</source>
        <translation>Problem no.</translation>
    </message>
    <message>
        <source>自查自纠</source>
        <translation>Self-check</translation>
    </message>
    <message>
        <source>案卷编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>案件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <source>案由</source>
        <translation>Cause of action</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>结案时间</source>
        <translation>Closing date</translation>
    </message>
    <message>
        <source>评查状态</source>
        <translation>Review status</translation>
    </message>
    <message>
        <source>评查得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>评查</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>评查人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>条目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>扣分项目</source>
        <translation>Deduction item</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>扣分</source>
        <translation>Deduction</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>案卷评查</source>
        <translation>Case-file review</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>冻结时间</source>
        <translation>Frozen</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>签署</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>签署人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>签署时间</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>密钥指纹</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <source>签署记录</source>
        <translation>Signature history</translation>
    </message>
    <message>
        <source>尚未登记下级单位。请先在“已登记单位”中登记下级单位并导入其报送包。</source>
        <translation>No subordinate units are enrolled yet. First enroll a subordinate unit under “Enrolled units” and import its submission packages.</translation>
    </message>
    <message>
        <source>正在读取“{unit}”报送的记录…</source>
        <translation>Reading the records submitted by “{unit}”…</translation>
    </message>
    <message>
        <source>尚未收到“{unit}”的报送包。</source>
        <translation>No submission package received from “{unit}” yet.</translation>
    </message>
    <message>
        <source>数据来源：“{unit}”第 {seq} 号报送包，{time} 收到（共导入 {n} 个报送包）。以下是该单位报送的记录，只读，不能在这里修改；签字均由本机重新核验。</source>
        <translation>Source: submission package no. {seq} from “{unit}”, received {time} ({n} submission packages imported in all). These are the records the unit submitted, read-only; they cannot be changed here. All signatures are re-verified on this computer.</translation>
    </message>
    <message>
        <source>（未归入专项行动）</source>
        <translation>(no campaign)</translation>
    </message>
    <message>
        <source>无期限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <source>共 {n} 条问题，显示 {shown} 条。责任人签字：</source>
        <translation>{n} problems, {shown} shown. Responsible persons&apos; sign-offs: </translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>尚未评查</source>
        <translation>Not reviewed yet</translation>
    </message>
    <message>
        <source>（草稿）</source>
        <translation> (draft)</translation>
    </message>
    <message>
        <source>无扣分</source>
        <translation>No deductions</translation>
    </message>
    <message>
        <source>（否决项）</source>
        <translation> (veto item)</translation>
    </message>
    <message>
        <source>第 {n} 版</source>
        <translation>Revision {n}</translation>
    </message>
    <message>
        <source>“{campaign}”自第 {n} 版签署后改动 {count} 行。</source>
        <translation>“{campaign}”: {count} rows changed since revision {n} was signed.</translation>
    </message>
    <message>
        <source>“{campaign}”的台账与第 {n} 版一致。</source>
        <translation>The ledger of “{campaign}” matches revision {n}.</translation>
    </message>
    <message>
        <source>未签署</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>该单位尚未报送已审核或盖章的台账版本。</source>
        <translation>The unit has not yet submitted a ledger revision that has been reviewed or sealed.</translation>
    </message>
</context>
<context>
    <name>OfficeLeadsTab</name>
    <message>
        <source>该单位报送的投诉举报线索，只读。受理后 {n} 日未办结即为超期（按本机今天的日期判断），以红色显示；反映人的联系方式见提示。</source>
        <translation>Complaint/report leads submitted by this unit, read-only. A lead not closed within {n} days after receipt is overdue (judged by today&apos;s date on this computer) and shown in red; the reporter&apos;s contact details are in the tooltip.</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>反映内容</source>
        <translation>Matter reported</translation>
    </message>
    <message>
        <source>被反映单位/人</source>
        <translation>Unit/person concerned</translation>
    </message>
    <message>
        <source>办理情况</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>问题序号</source>
        <translation>Problem no.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>该单位尚未报送投诉举报线索。</source>
        <translation>This unit has not submitted any complaint/report leads yet.</translation>
    </message>
    <message>
        <source>共 {n} 条：待办理 {open}，办理中 {handling}，已办结 {closed}；超期未办结 {overdue} 条。</source>
        <translation>{n} in total: {open} to handle, {handling} being handled, {closed} closed; {overdue} overdue and not closed.</translation>
    </message>
    <message>
        <source>{status} {day}</source>
        <translation>{status} {day}</translation>
    </message>
    <message>
        <source>{status}（超期）</source>
        <translation>{status} (overdue)</translation>
    </message>
    <message>
        <source>反映人：{who}</source>
        <translation>Reporter: {who}</translation>
    </message>
</context>
<context>
    <name>OfficeLetterView</name>
    <message>
        <source>执法监督意见书 {number}</source>
        <translation>Supervision letter {number}</translation>
    </message>
    <message>
        <source>印证资料（双击打开本机收到的文件）</source>
        <translation>Evidence (double-click to open the files received on this computer)</translation>
    </message>
    <message>
        <source>——文件未收到</source>
        <translation> — file not received</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>导出执法监督意见书 {number} 及{unit}的整改情况答复。</source>
        <translation>Exports supervision letter {number} and {unit}&apos;s reply on rectification.</translation>
    </message>
</context>
<context>
    <name>OfficeLetters</name>
    <message>
        <source>未答复</source>
        <translation>No reply</translation>
    </message>
    <message>
        <source>签发后又修改，未重新签发</source>
        <translation>Changed after issue, not issued again</translation>
    </message>
    <message>
        <source>草稿（未签发）</source>
        <translation>Draft (not issued)</translation>
    </message>
    <message>
        <source>✓ 已答复，签名有效</source>
        <translation>✓ Replied, signature valid</translation>
    </message>
    <message>
        <source>⚠ 已答复，签名与内容不符</source>
        <translation>⚠ Replied, signature does not match the content</translation>
    </message>
    <message>
        <source>✗ 已答复，签名无效：{reason}</source>
        <translation>✗ Replied, signature invalid: {reason}</translation>
    </message>
    <message>
        <source>下级单位</source>
        <translation>Subordinate unit</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>查看…</source>
        <translation>View…</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>下发</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>签发人</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>签发时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>印证资料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>答复随下级单位的报送包（含“执法监督意见书的答复”“签名和签名密钥”“审计记录”）送达；签名由本机用该单位报送的签名密钥核验。已逾期：超过整改期限仍未收到签名有效的答复。</source>
        <translation>Replies arrive with the subordinate unit&apos;s submission package (containing “Replies to supervision letters”, “Signatures and signing keys” and “Audit records”); this computer verifies the signature with the signing keys the unit submitted. Overdue: no reply with a valid signature received by the rectification deadline.</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>逾期答复</source>
        <translation>Replied late</translation>
    </message>
    <message>
        <source>{n} 个</source>
        <translation>{n} file(s)</translation>
    </message>
    <message>
        <source>（{n} 个未收到）</source>
        <translation> ({n} not received)</translation>
    </message>
    <message>
        <source>未设定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>未下发</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <source>共 {n} 份，已答复 {answered} 份，已逾期 {overdue} 份</source>
        <translation>{n} in total, {answered} replied, {overdue} overdue</translation>
    </message>
    <message>
        <source>整改情况答复</source>
        <translation>Reply on rectification</translation>
    </message>
    <message>
        <source>尚未收到该单位的答复。</source>
        <translation>No reply received from this unit yet.</translation>
    </message>
    <message>
        <source>整改情况</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>已超过整改期限，尚未收到签名有效的答复。</source>
        <translation>The rectification deadline has passed and no reply with a valid signature has been received.</translation>
    </message>
    <message>
        <source>答复签发时已超过整改期限。</source>
        <translation>The reply was issued after the rectification deadline.</translation>
    </message>
</context>
<context>
    <name>OfficePanel</name>
    <message>
        <source>下级单位用 U 盘送来的报送包在这里核验和导入。先用下级单位负责人导出的单位签章密钥登记文件登记该单位，之后只接受由它当前签章密钥签名的报送包。</source>
        <translation>Submission packages that subordinate units bring on USB sticks are verified and imported here. First enroll the unit with the unit seal key enrollment file exported by a chief of that unit; after that, only submission packages signed with its current seal key are accepted.</translation>
    </message>
    <message>
        <source>登记下级单位…</source>
        <translation>Enroll subordinate unit…</translation>
    </message>
    <message>
        <source>导入报送包…</source>
        <translation>Import submission packages…</translation>
    </message>
    <message>
        <source>导入文件夹中的报送包…</source>
        <translation>Import submission packages from folder…</translation>
    </message>
    <message>
        <source>写回执…</source>
        <translation>Write receipt…</translation>
    </message>
    <message>
        <source>下发指令…</source>
        <translation>Send instructions…</translation>
    </message>
    <message>
        <source>单位代码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>当前签章密钥指纹</source>
        <translation>Current seal key fingerprint</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>登记时间</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>Sequence number</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>收到时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>已登记单位</source>
        <translation>Enrolled units</translation>
    </message>
    <message>
        <source>报送记录</source>
        <translation>Submission records</translation>
    </message>
    <message>
        <source>告警</source>
        <translation>Alarms</translation>
    </message>
    <message>
        <source>报送统计</source>
        <translation>Submission statistics</translation>
    </message>
    <message>
        <source>下级台账</source>
        <translation>Subordinate ledgers</translation>
    </message>
    <message>
        <source>执法监督意见书</source>
        <translation>Supervision letters</translation>
    </message>
    <message>
        <source>无有效签章密钥</source>
        <translation>No valid seal key</translation>
    </message>
    <message>
        <source>有 {n} 条告警</source>
        <translation>{n} alarms</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>，已收到第 {seq} 号</source>
        <translation>, received up to no. {seq}</translation>
    </message>
    <message>
        <source>告警 {n} 条</source>
        <translation>{n} alarms</translation>
    </message>
    <message>
        <source>告警（{n}）</source>
        <translation>Alarms ({n})</translation>
    </message>
    <message>
        <source>选择下级单位的密钥登记文件</source>
        <translation>Choose the key enrollment file of the subordinate unit</translation>
    </message>
    <message>
        <source>密钥登记文件 (*.json);;所有文件 (*)</source>
        <translation>Key enrollment files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>登记下级单位</source>
        <translation>Enroll subordinate unit</translation>
    </message>
    <message>
        <source>单位：{name}（{code}，{level}）
单位签章密钥指纹：

{fingerprint}

请与对方当面或电话核对指纹，完全一致才能登记。指纹不一致时请勿登记，并向该单位核实。

指纹一致，登记该单位？</source>
        <translation>Unit: {name} ({code}, {level})
Unit seal key fingerprint:

{fingerprint}

Compare the fingerprint with the unit in person or by phone; enroll only if it is exactly the same. If the fingerprint differs, do not enroll, and check with that unit.

The fingerprint matches: enroll this unit?</translation>
    </message>
    <message>
        <source>替换单位签章密钥</source>
        <translation>Replace unit seal key</translation>
    </message>
    <message>
        <source>警告：只有在已当面或电话向该单位负责人确认、对方确实新生成了单位签章密钥时，才能替换。如果无法确认，可能有人冒充该单位，请选择“取消”。替换后，由原签章密钥签名的报送包不再被接受。

确认替换为指纹 {fingerprint} 的新签章密钥？</source>
        <translation>Warning: replace the key only if you have confirmed in person or by phone with a chief of that unit that they really created a new unit seal key. If you cannot confirm it, someone may be impersonating the unit; choose &quot;Cancel&quot;. After replacement, submission packages signed with the old seal key are no longer accepted.

Replace it with the new seal key with fingerprint {fingerprint}?</translation>
    </message>
    <message>
        <source>已登记“{name}”（{code}）。
单位签章密钥指纹：{fingerprint}</source>
        <translation>Enrolled &quot;{name}&quot; ({code}).
Unit seal key fingerprint: {fingerprint}</translation>
    </message>
    <message>
        <source>“{name}”（{code}）已按这个登记文件登记过，没有变化。</source>
        <translation>&quot;{name}&quot; ({code}) was already enrolled with this enrollment file; nothing changed.</translation>
    </message>
    <message>
        <source>写回执</source>
        <translation>Write receipt</translation>
    </message>
    <message>
        <source>请先在“已登记单位”中选择要出具回执的单位。</source>
        <translation>First choose, under &quot;Registered units&quot;, the unit to write a receipt for.</translation>
    </message>
    <message>
        <source>选择报送包</source>
        <translation>Choose submission packages</translation>
    </message>
    <message>
        <source>报送包 (*.flpkg)</source>
        <translation>Submission packages (*.flpkg)</translation>
    </message>
    <message>
        <source>选择存放报送包的文件夹</source>
        <translation>Choose the folder that holds the submission packages</translation>
    </message>
    <message>
        <source>导入报送包</source>
        <translation>Import submission packages</translation>
    </message>
    <message>
        <source>文件夹“{folder}”中没有报送包（*.flpkg）。</source>
        <translation>The folder &quot;{folder}&quot; has no submission packages (*.flpkg).</translation>
    </message>
</context>
<context>
    <name>OfficeReportsTab</name>
    <message>
        <source>该单位报送的工作简报、工作调度表和按月案件统计，只读；简报正文见提示。</source>
        <translation>Work briefs, work progress tables and monthly case statistics submitted by this unit, read-only; the text of a brief is in its tooltip.</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>期数</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>工作任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>责任人/部门</source>
        <translation>Responsible person/department</translation>
    </message>
    <message>
        <source>完成状态</source>
        <translation>Completion</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>数据条数</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>实际案件数</source>
        <translation>Actual cases</translation>
    </message>
    <message>
        <source>测试案件数</source>
        <translation>Test cases</translation>
    </message>
    <message>
        <source>执法人员</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>人均办案率</source>
        <translation>Cases per officer</translation>
    </message>
    <message>
        <source>在线考试</source>
        <translation>Online exams</translation>
    </message>
    <message>
        <source>工作简报</source>
        <translation>Work briefs</translation>
    </message>
    <message>
        <source>工作调度表</source>
        <translation>Work progress tables</translation>
    </message>
    <message>
        <source>案件统计</source>
        <translation>Case statistics</translation>
    </message>
    <message>
        <source>工作简报 {n} 期（定稿 {final} 期），调度表 {months} 个月，案件统计 {stats} 个月。</source>
        <translation>{n} work brief(s) ({final} final), progress tables for {months} month(s), case statistics for {stats} month(s).</translation>
    </message>
    <message>
        <source>第 {n} 期</source>
        <translation>Issue {n}</translation>
    </message>
</context>
<context>
    <name>OfficeStats</name>
    <message>
        <source>资料报送统计表</source>
        <translation>Statistics of materials submitted</translation>
    </message>
    <message>
        <source>案件办理情况统计表</source>
        <translation>Statistics of cases handled</translation>
    </message>
</context>
<context>
    <name>OfficeTraining</name>
    <message>
        <source>（未收到人员信息）</source>
        <translation>(personnel details not received)</translation>
    </message>
    <message>
        <source>执法辅助人员</source>
        <translation>Auxiliary staff</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>OfficeTrainingTab</name>
    <message>
        <source>每名执法人员每年不少于 {n} 学时（{doc}）；只有持有效执法证的人员可以独立执法。进度和证件状态按本机今天的日期判断。</source>
        <translation>Each officer needs at least {n} training hours a year ({doc}); only people with a valid enforcement certificate may enforce on their own. Progress and certificate status are judged by today&apos;s date on this computer.</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Enforcement certificate no.</translation>
    </message>
    <message>
        <source>执法证</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>人员 {id}</source>
        <translation>Person {id}</translation>
    </message>
    <message>
        <source>{name}（已调离）</source>
        <translation>{name} (transferred out)</translation>
    </message>
    <message>
        <source>{year} 年度：执法人员 {n} 人，已达标 {done} 人；执法证缺失、过期、暂扣或注销 {blocked} 人。</source>
        <translation>{year}: {n} officers, {done} met the target; {blocked} with a certificate missing, expired, suspended or cancelled.</translation>
    </message>
    <message>
        <source>该单位尚未报送培训台账。</source>
        <translation>This unit has not submitted a training ledger yet.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>签名口令（登录密码）</source>
        <translation>Signing passphrase (login password)</translation>
    </message>
</context>
<context>
    <name>PeoplePanel</name>
    <message>
        <source>添加人员…</source>
        <translation>Add person…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Enforcement certificate no.</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>账号与角色</source>
        <translation>Account and roles</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>在岗</source>
        <translation>In post</translation>
    </message>
    <message>
        <source>已调离</source>
        <translation>Transferred out</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>编辑人员</source>
        <translation>Edit person</translation>
    </message>
    <message>
        <source>添加人员</source>
        <translation>Add person</translation>
    </message>
    <message>
        <source>在岗（取消表示已调离，历史记录保留）</source>
        <translation>In post (clear if transferred out; the history is kept)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Enforcement certificate no.</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>导入上级来文</source>
        <translation>Import instructions from upper office</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>无变化</source>
        <translation>No change</translation>
    </message>
    <message>
        <source>新版本</source>
        <translation>New version</translation>
    </message>
    <message>
        <source>来文单位：{name}（{code}），第 {seq} 号，签发时间 {time}</source>
        <translation>From: {name} ({code}), no. {seq}, issued {time}</translation>
    </message>
    <message>
        <source>专项行动（{n} 个）</source>
        <translation>Campaigns ({n})</translation>
    </message>
    <message>
        <source>模板（{n} 个）</source>
        <translation>Templates ({n})</translation>
    </message>
    <message>
        <source>执法监督意见书（{n} 份）</source>
        <translation>Supervision letters ({n})</translation>
    </message>
    <message>
        <source>{number}，整改期限 {deadline}</source>
        <translation>{number}, deadline {deadline}</translation>
    </message>
    <message>
        <source>未设定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>已收到</source>
        <translation>Already received</translation>
    </message>
    <message>
        <source>专项行动按文号（没有文号的按名称）更新或新增；模板内容已有的不重复导入。</source>
        <translation>Campaigns are updated or added by document no. (by title if they have none); template contents already present are not imported again.</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <source>问题详情（只读）</source>
        <extracomment>(problem field, label context, label) in the order of the official forms.</extracomment>
        <translation>Problem details (read-only)</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>这是下级单位报送的记录，只读。</source>
        <translation>This is a record submitted by a subordinate unit; it is read-only.</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <source>查看改动…</source>
        <translation>View changes…</translation>
    </message>
    <message>
        <source>责任人签字：</source>
        <translation>Responsible person&apos;s sign-off:</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>原状态</source>
        <translation>Old status</translation>
    </message>
    <message>
        <source>新状态</source>
        <translation>New status</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>整改进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>填写人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>本机存有</source>
        <translation>On this computer</translation>
    </message>
    <message>
        <source>添加时间</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>状态记录</source>
        <translation>Status history</translation>
    </message>
    <message>
        <source>印证资料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>{unit}&#x3000;{campaign}&#x3000;序号 {seq}</source>
        <translation>{unit}&#x3000;{campaign}&#x3000;No. {seq}</translation>
    </message>
    <message>
        <source>（未归入专项行动）</source>
        <translation>(no campaign)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>无期限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>共性/个性</source>
        <translation>Common/unit-specific</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>登记于 {time}，最近更新 {updated}</source>
        <translation>Recorded {time}, last updated {updated}</translation>
    </message>
    <message>
        <source>否（未收到文件）</source>
        <translation>No (file not received)</translation>
    </message>
</context>
<context>
    <name>ProblemForm</name>
    <message>
        <source>开始整改</source>
        <extracomment>Thumbnails kept by file path (a stored file&apos;s name is its content hash: it never changes). The earliest date the deadline field takes; showing it means &quot;no deadline&quot;. item data roles of an evidence item: its evidence id, and &apos;loading&apos;, &apos;image&apos; or &apos;file&apos; (from, to) -&gt; button text of the lifecycle step</extracomment>
        <translation>Start rectifying</translation>
    </message>
    <message>
        <source>报告已整改</source>
        <translation>Report rectified</translation>
    </message>
    <message>
        <source>验收销号</source>
        <translation>Verify and strike off</translation>
    </message>
    <message>
        <source>退回重新整改…</source>
        <translation>Send back…</translation>
    </message>
    <message>
        <source>出现反弹…</source>
        <translation>Recurred…</translation>
    </message>
    <message>
        <source>（无期限）</source>
        <translation>(no deadline)</translation>
    </message>
    <message>
        <source>无期限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <source>不设整改时限，或清除已有的整改时限</source>
        <translation>No deadline, or clear the existing one</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>问题方面</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>具体表现</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Rectification measures</translation>
    </message>
    <message>
        <source>责任部门</source>
        <translation>Responsible department</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>共性/个性</source>
        <translation>Common/unit-specific</translation>
    </message>
    <message>
        <source>问题来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>整改完成情况</source>
        <translation>Rectification result</translation>
    </message>
    <message>
        <source>是否取得预期成效</source>
        <translation>Expected effect achieved</translation>
    </message>
    <message>
        <source>反弹整改措施及完成情况</source>
        <translation>Measures and result for the recurrence</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>整改进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>添加进展…</source>
        <translation>Add progress…</translation>
    </message>
    <message>
        <source>印证资料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>添加照片或文件…</source>
        <translation>Add photo or file…</translation>
    </message>
    <message>
        <source>流转记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>（不属于专项行动）</source>
        <extracomment>token of each thumbnail asked for -&gt; (its evidence item, the file); the current list&apos;s what the fields showed when last filled (see has_unsaved_edits)</extracomment>
        <translation>(Not part of a campaign)</translation>
    </message>
    <message>
        <source>新问题（保存后挂单，状态为“待整改”）</source>
        <translation>New problem (listed when saved, with the status “To rectify”)</translation>
    </message>
    <message>
        <source>序号 {seq}&#x3000;{status}</source>
        <translation>No. {seq}&#x3000;{status}</translation>
    </message>
    <message>
        <source>挂单</source>
        <translation>Listed</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <source>转为台账问题</source>
        <translation>Put on the problem ledger</translation>
    </message>
    <message>
        <source>勾选意见书 {number} 中要挂上问题台账的问题。每个问题登记为一条待整改问题，来源为“执法监督意见书”，整改时限为意见书的整改期限；已转过的问题不会重复登记。</source>
        <translation>Tick the problems in letter {number} to put on the problem ledger. Each problem is registered as a problem to rectify, with the source “Supervision letter” and the letter&apos;s deadline as its deadline; problems already put on the ledger are not registered again.</translation>
    </message>
    <message>
        <source>（已在台账，序号 {seq}）</source>
        <translation> (already on the ledger, no. {seq})</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Problem category</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>登记到台账</source>
        <translation>Register on ledger</translation>
    </message>
    <message>
        <source>不属于专项行动</source>
        <translation>Not in any campaign</translation>
    </message>
    <message>
        <source>暂不指定</source>
        <translation>Not assigned yet</translation>
    </message>
    <message>
        <source>按问题内容判断（{names}）</source>
        <translation>Judge by problem text ({names})</translation>
    </message>
    <message>
        <source>已登记 {n} 个台账问题（序号 {seqs}）。</source>
        <translation>{n} problem(s) registered on the ledger (no. {seqs}).</translation>
    </message>
    <message>
        <source>没有登记新的问题。</source>
        <translation>No new problems were registered.</translation>
    </message>
    <message>
        <source>第 {items} 项此前已在台账中，未重复登记。</source>
        <translation>Item(s) {items} were already on the ledger and were not registered again.</translation>
    </message>
</context>
<context>
    <name>RecipientsDialog</name>
    <message>
        <source>上级接收密钥</source>
        <translation>Upper office receiving keys</translation>
    </message>
    <message>
        <source>上级机关公布的接收公钥以“age1”开头，每行一个。设置后，报送包会加密给这些公钥：只有上级机关能打开，U 盘丢失也不会泄露内容。清空后报送包不加密（仍有单位签章，改动可被发现）。</source>
        <translation>The receiving public keys published by the upper office start with &quot;age1&quot;, one per line. Once they are set, submission packages are encrypted to these keys: only the upper office can open them, and a lost USB stick does not reveal their content. If the list is cleared, submission packages are not encrypted (they still carry the unit seal, so changes can be detected).</translation>
    </message>
</context>
<context>
    <name>ReviewForm</name>
    <message>
        <source>当前得分</source>
        <translation>Current score</translation>
    </message>
    <message>
        <source>当前条目</source>
        <translation>Current item</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>认定此否决项</source>
        <translation>Veto item found</translation>
    </message>
    <message>
        <source>扣分说明（Tab 键到此，Enter 返回）</source>
        <translation>Deduction notes (Tab to get here, Enter to go back)</translation>
    </message>
    <message>
        <source>评查意见</source>
        <translation>Review comments</translation>
    </message>
    <message>
        <source>提交评查</source>
        <translation>Submit review</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>转为问题台账…</source>
        <translation>Add to ledger…</translation>
    </message>
    <message>
        <source>把选中的扣分项、否决项登记为问题台账中的问题（可按住 Ctrl 或 Shift 多选）</source>
        <translation>Register the selected deductions and veto items as problems in the ledger (hold Ctrl or Shift to select several)</translation>
    </message>
    <message>
        <source>作废草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>总体评价和改进建议（可不填）</source>
        <translation>Overall assessment and suggestions for improvement (optional)</translation>
    </message>
    <message>
        <source>（未填写评查意见）</source>
        <translation>(No review comments)</translation>
    </message>
    <message>
        <source>在卷内何处发现，如：第 12 页未写明救济途径</source>
        <translation>Where in the file it was found, e.g. page 12 does not state the legal remedies</translation>
    </message>
    <message>
        <source>《{name}》{version}
优秀 ≥ {excellent} 分，合格 ≥ {passing} 分</source>
        <translation>“{name}” {version}
Excellent ≥ {excellent} points, Pass ≥ {passing} points</translation>
    </message>
    <message>
        <source>{round}草稿：每项修改自动保存，提交后不能再改。</source>
        <translation>{round} draft: every change is saved automatically; it cannot be changed after submission.</translation>
    </message>
    <message>
        <source>{round}草稿（{name} 填写中，只能查看）。</source>
        <translation>{round} draft ({name} is filling it in; view only).</translation>
    </message>
    <message>
        <source>{name}的{round}，已于 {time} 提交。</source>
        <translation>{round} by {name}, submitted on {time}.</translation>
    </message>
    <message>
        <source>分（满分 {max}）</source>
        <translation>points (out of {max})</translation>
    </message>
    <message>
        <source>否决项成立：{names}。案卷不合格，得 0 分。</source>
        <translation>Veto items found: {names}. The case file fails with 0 points.</translation>
    </message>
    <message>
        <source>{n} 项尚未填写扣分说明（填写后才保存）。</source>
        <translation>{n} items have no deduction notes yet (they are saved once notes are entered).</translation>
    </message>
    <message>
        <source>在左侧选择一个评查条目</source>
        <translation>Choose a review item on the left</translation>
    </message>
    <message>
        <source>任一项成立即不合格</source>
        <translation>Any item found means Fail</translation>
    </message>
    <message>
        <source>已认定：得 0 分</source>
        <translation>Found: 0 points</translation>
    </message>
    <message>
        <source>每处扣 {step} 分，最多扣 {points} 分</source>
        <translation>{step} points per occurrence, at most {points} points</translation>
    </message>
    <message>
        <source>扣 {lost} 分；</source>
        <translation>{lost} points deducted; </translation>
    </message>
    <message>
        <source>提交后这份评查不能再修改。
得分 {score} 分，等次：{grade}。
确定提交吗？</source>
        <translation>This review cannot be changed after submission.
Score {score} points, grade: {grade}.
Submit it?</translation>
    </message>
    <message>
        <source>作废这份尚未提交的评查？已填写的扣分和说明将删除。</source>
        <translation>Discard this unsubmitted review? The deductions and notes entered will be deleted.</translation>
    </message>
    <message>
        <source>转为问题台账</source>
        <translation>Add to ledger</translation>
    </message>
    <message>
        <source>已在问题台账中登记 {n} 个问题（来源：案卷评查），可在“问题台账”中按来源筛选查看。</source>
        <translation>{n} problems were registered in the ledger (source: case-file review); filter the “Ledger” by source to see them.</translation>
    </message>
</context>
<context>
    <name>ReviewProblemsDialog</name>
    <message>
        <source>转为问题台账</source>
        <translation>Add to ledger</translation>
    </message>
    <message>
        <source>以下 {n} 项评查发现将登记为问题台账中的问题（来源：案卷评查），责任单位为案卷所属单位。已转入的项不会重复登记。</source>
        <translation>The following {n} review findings will be registered as problems in the ledger (source: case-file review), with the unit the case file belongs to as the responsible unit. Items already added are not registered again.</translation>
    </message>
    <message>
        <source>（不属于专项行动）</source>
        <translation>(no campaign)</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Problem category</translation>
    </message>
    <message>
        <source>登记 {n} 个问题</source>
        <translation>Register {n} problems</translation>
    </message>
    <message>
        <source>按评查标准的对应问题类别</source>
        <translation>Problem category from the review standard</translation>
    </message>
</context>
<context>
    <name>ReviewSummaryPanel</name>
    <message>
        <source>全年</source>
        <extracomment>(label, first month, last month) of the parts of a year.</extracomment>
        <translation>Full year</translation>
    </message>
    <message>
        <source>第一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <source>第二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <source>第三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <source>第四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <source>上半年</source>
        <translation>First half-year</translation>
    </message>
    <message>
        <source>下半年</source>
        <translation>Second half-year</translation>
    </message>
    <message>
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>{year} 年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>按结案时间</source>
        <translation>By closing date</translation>
    </message>
    <message>
        <source>按评查完成时间</source>
        <translation>By review completion date</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>案卷</source>
        <translation>Case files</translation>
    </message>
    <message>
        <source>优秀</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>待复核</source>
        <translation>Awaiting second review</translation>
    </message>
    <message>
        <source>未评查</source>
        <translation>Not reviewed</translation>
    </message>
    <message>
        <source>平均分</source>
        <translation>Average score</translation>
    </message>
    <message>
        <source>最常见的扣分项</source>
        <translation>Most common deductions</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>扣分项</source>
        <translation>Deduction item</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>案卷数</source>
        <translation>Case files</translation>
    </message>
    <message>
        <source>处数</source>
        <translation>Occurrences</translation>
    </message>
    <message>
        <source>共扣分</source>
        <translation>Total deducted</translation>
    </message>
    <message>
        <source>否决项</source>
        <translation>Veto items</translation>
    </message>
    <message>
        <source>扣分项和否决项按最终评查结果统计（有复核的以复核为准），待复核的案卷不计入。</source>
        <translation>Deductions and veto items are counted from final review results (the second review where there is one); case files awaiting second review are not included.</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>在“案卷登记”中选择一个案卷，双击或按 Enter 打开评查。</source>
        <translation>Select a case file in &quot;Case register&quot; and double-click or press Enter to open its review.</translation>
    </message>
    <message>
        <source>导出评分表…</source>
        <translation>Export score sheet…</translation>
    </message>
    <message>
        <source>导出所选评查的评分表（Excel 或 PDF）</source>
        <translation>Export the score sheet of the selected review (Excel or PDF)</translation>
    </message>
    <message>
        <source>轮次</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>评查人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>评查标准</source>
        <translation>Review standard</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>等次</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>开始评查</source>
        <translation>Start review</translation>
    </message>
    <message>
        <source>开始复核</source>
        <translation>Start second review</translation>
    </message>
    <message>
        <source>评查时逐项对照评查标准：否决项任一项成立，案卷即为不合格、得 0 分；其余各项按“每处扣分”扣分，每个阶段扣完为止。得分和等次随每次勾选即时计算。</source>
        <translation>Check each item against the review standard: if any veto item applies, the case file fails with 0 points; other items deduct points per occurrence, down to zero for each stage. The score and grade update with every check.</translation>
    </message>
    <message>
        <source>未保存的扣分</source>
        <translation>Unsaved deductions</translation>
    </message>
    <message>
        <source>当前评查中有 {n} 项扣分（{codes}）尚未填写扣分说明，不会保存。仍要打开其他案卷吗？</source>
        <translation>{n} deductions in the current review ({codes}) have no deduction note and will not be saved. Open another case file anyway?</translation>
    </message>
    <message>
        <source>当事人：{v}</source>
        <translation>Party: {v}</translation>
    </message>
    <message>
        <source>执法人员：{v}</source>
        <translation>Officers: {v}</translation>
    </message>
    <message>
        <source>办案机构：{v}</source>
        <translation>Handling office: {v}</translation>
    </message>
    <message>
        <source>结案 {v}</source>
        <translation>Closed {v}</translation>
    </message>
    <message>
        <source>重大案件</source>
        <translation>Major case</translation>
    </message>
    <message>
        <source>{name} {score} 分（{grade}）</source>
        <translation>{name} {score} points ({grade})</translation>
    </message>
    <message>
        <source>，否决项成立</source>
        <translation>, veto item applies</translation>
    </message>
    <message>
        <source>尚未评查。</source>
        <translation>Not reviewed yet.</translation>
    </message>
    <message>
        <source>评查中：{names} 的评查尚未提交。</source>
        <translation>In review: the review by {names} has not been submitted.</translation>
    </message>
    <message>
        <source>须复核：{why}。复核须由初评以外的评查人员进行，复核结果为最终结果。</source>
        <translation>Second review required: {why}. The second review must be done by a reviewer other than the first reviewers; its result is final.</translation>
    </message>
    <message>
        <source>已评查：最终得分 {score} 分，{grade}。</source>
        <translation>Reviewed: final score {score} points, {grade}.</translation>
    </message>
    <message>
        <source>已复核：最终得分 {score} 分，{grade}（以复核结果为准）。</source>
        <translation>Second review done: final score {score} points, {grade} (the second review result is final).</translation>
    </message>
    <message>
        <source>初评结果不一致：</source>
        <translation>First review results differ:</translation>
    </message>
    <message>
        <source>初评：</source>
        <translation>First review:</translation>
    </message>
    <message>
        <source>未提交的评查：{names}。</source>
        <translation>Reviews not submitted: {names}.</translation>
    </message>
    <message>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>（否决）</source>
        <translation> (veto)</translation>
    </message>
    <message>
        <source>没有在用的评查标准：请在 设置 → 模板 中导入或启用。</source>
        <translation>No active review standard: import or activate one in Settings → Templates.</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <source>设置角色</source>
        <translation>Set roles</translation>
    </message>
</context>
<context>
    <name>RowSignature</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>RowSignaturePanel</name>
    <message>
        <source>责任人签字</source>
        <translation>Responsible person&apos;s sign-off</translation>
    </message>
    <message>
        <source>签字确认…</source>
        <translation>Sign off…</translation>
    </message>
    <message>
        <source>查看改动…</source>
        <translation>View changes…</translation>
    </message>
    <message>
        <source>未选择问题</source>
        <translation>No problem selected</translation>
    </message>
    <message>
        <source>{name} 于 {time} 签字。</source>
        <translation>{name} signed on {time}. </translation>
    </message>
    <message>
        <source>本行已列入已签署的第 {n} 版台账，该版本已冻结；保存修改将形成第 {m} 版草稿。</source>
        <translation>This row is in the signed revision {n} of the ledger, which is frozen; saving changes will create the draft of revision {m}.</translation>
    </message>
    <message>
        <source>本行自第 {n} 版台账签署后已改动，属于第 {m} 版草稿。</source>
        <translation>This row has changed since revision {n} of the ledger was signed; it belongs to the draft of revision {m}.</translation>
    </message>
</context>
<context>
    <name>RowsBody</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>整改完成情况</source>
        <translation>Rectification result</translation>
    </message>
    <message>
        <source>是否取得预期成效</source>
        <translation>Expected effect achieved</translation>
    </message>
    <message>
        <source>现有签字</source>
        <translation>Current sign-off</translation>
    </message>
    <message>
        <source>是否出现反弹</source>
        <translation>Rebound</translation>
    </message>
    <message>
        <source>内容摘要（SHA-256 前 16 位）</source>
        <translation>Content digest (first 16 digits of SHA-256)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>RowsEditor</name>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>添加一行（Insert）</source>
        <translation>Add a row (Insert)</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>删除选中的行（Ctrl+Delete）</source>
        <translation>Remove the selected row (Ctrl+Delete)</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>上移（Ctrl+↑）</source>
        <translation>Move up (Ctrl+↑)</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>下移（Ctrl+↓）</source>
        <translation>Move down (Ctrl+↓)</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>复制上月任务</source>
        <translation>Copy last month&apos;s tasks</translation>
    </message>
    <message>
        <source>用最近一个月调度表的工作任务开始本月的调度表，再逐项更新进展</source>
        <translation>Start this month&apos;s progress table with the tasks of the latest month&apos;s table, then update the progress of each task</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>已有调度表的月份</source>
        <translation>Months with a progress table</translation>
    </message>
    <message>
        <source>工作任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>责任人/部门</source>
        <translation>Responsible person/department</translation>
    </message>
    <message>
        <source>完成状态</source>
        <translation>Completion status</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>{month} 的调度表：{n} 项工作任务</source>
        <translation>Progress table for {month}: {n} task(s)</translation>
    </message>
    <message>
        <source>{month} 还没有调度表：点“添加”逐项填写，或“复制上月任务”。</source>
        <translation>{month} has no progress table yet: click “Add” to fill it in task by task, or “Copy last month&apos;s tasks”.</translation>
    </message>
    <message>
        <source>{month}&#x3000;{n} 项</source>
        <translation>{month}&#x3000;{n} task(s)</translation>
    </message>
    <message>
        <source>{n} 项工作任务：已完成 {done} 项，滞后 {late} 项</source>
        <translation>{n} task(s): {done} completed, {late} behind schedule</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>已复制上月的工作任务，请逐项更新进展情况和完成状态。</source>
        <translation>Last month&apos;s tasks have been copied. Update the progress and completion status of each task.</translation>
    </message>
    <message>
        <source>导出 {month} 的工作调度表（{campaign}）。</source>
        <translation>Exports the work progress table for {month} ({campaign}).</translation>
    </message>
</context>
<context>
    <name>SelfCheckEntry</name>
    <message>
        <source>‹ 自查列表</source>
        <translation>‹ Self-checks</translation>
    </message>
    <message>
        <source>回到自查列表；已填写的内容都已保存，随时可以继续</source>
        <translation>Back to the self-check list; everything entered is saved and you can continue any time</translation>
    </message>
    <message>
        <source>完成自查</source>
        <translation>Complete self-check</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>检查内容</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>分组（问题类别）</source>
        <translation>Group (problem category)</translation>
    </message>
    <message>
        <source>条目</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <source>导出结果…</source>
        <translation>Export results…</translation>
    </message>
    <message>
        <source>导出本次自查的逐项结果（Excel 或 PDF）</source>
        <translation>Export the item-by-item results of this self-check (Excel or PDF)</translation>
    </message>
    <message>
        <source>符合 (&amp;1)</source>
        <translation>Conforms (&amp;1)</translation>
    </message>
    <message>
        <source>不符合 (&amp;2)</source>
        <translation>Does not conform (&amp;2)</translation>
    </message>
    <message>
        <source>不适用 (&amp;3)</source>
        <translation>Not applicable (&amp;3)</translation>
    </message>
    <message>
        <source>情况说明（“不符合”时即台账问题的具体表现，请先写再作答）</source>
        <translation>Note (for &quot;Does not conform&quot;, how the ledger problem shows; write it before answering)</translation>
    </message>
    <message>
        <source>如：对首次轻微超限车辆一律顶格罚款（按 Esc 回到条目列表）</source>
        <translation>E.g. first-time slightly overloaded vehicles always fined the maximum (Esc to return to the items)</translation>
    </message>
    <message>
        <source>查阅的印证资料</source>
        <translation>Evidence checked</translation>
    </message>
    <message>
        <source>添加印证资料…</source>
        <translation>Add evidence…</translation>
    </message>
    <message>
        <source>删除所选资料</source>
        <translation>Remove selected file</translation>
    </message>
    <message>
        <source>双击打开文件</source>
        <translation>Double-click to open the file</translation>
    </message>
    <message>
        <source>在问题台账中查看</source>
        <translation>View in ledger</translation>
    </message>
    <message>
        <source>关联已有问题…</source>
        <translation>Link existing problem…</translation>
    </message>
    <message>
        <source>这一项的问题已在台账中登记时，关联它而不再新挂一条</source>
        <translation>If this item&apos;s problem is already in the ledger, link it instead of adding a new one</translation>
    </message>
    <message>
        <source>1 符合&#x3000;2 不符合&#x3000;3 不适用&#x3000;↑↓ 换条目&#x3000;PgUp/PgDn 换分组&#x3000;Enter 写说明&#x3000;Esc 回到条目</source>
        <translation>1 Conforms&#x3000;2 Does not conform&#x3000;3 Not applicable&#x3000;↑↓ item&#x3000;PgUp/PgDn group&#x3000;Enter note&#x3000;Esc back to items</translation>
    </message>
    <message>
        <source> → {category}</source>
        <translation> → {category}</translation>
    </message>
    <message>
        <source>台账问题 序号 {seq}</source>
        <translation>Ledger problem no. {seq}</translation>
    </message>
    <message>
        <source>{campaign}&#x3000;·&#x3000;发起人 {who}&#x3000;·&#x3000;{status}</source>
        <translation>{campaign}&#x3000;·&#x3000;started by {who}&#x3000;·&#x3000;{status}</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>还有 {n} 项未填写</source>
        <translation>{n} items unanswered</translation>
    </message>
    <message>
        <source>&#x3000;（共 {n} 项）</source>
        <translation>&#x3000;({n} items)</translation>
    </message>
    <message>
        <source>第 {n} 组&#x3000;{name}&#x3000;（不符合的问题归入：{category}）</source>
        <translation>Group {n}&#x3000;{name}&#x3000;(nonconformities go to: {category})</translation>
    </message>
    <message>
        <source>&lt;b&gt;要点：&lt;/b&gt;{text}</source>
        <translation>&lt;b&gt;Guidance:&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <source>&lt;b&gt;应查阅：&lt;/b&gt;{text}</source>
        <translation>&lt;b&gt;Check:&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <source>已挂问题台账：序号 {seq}（{status}）</source>
        <translation>In ledger: no. {seq} ({status})</translation>
    </message>
    <message>
        <source>正在挂到问题台账…</source>
        <translation>Adding to the ledger…</translation>
    </message>
    <message>
        <source>答“不符合”时自动挂到问题台账（来源：自查自纠）。</source>
        <translation>Answering &quot;Does not conform&quot; adds it to the ledger automatically (source: self-check).</translation>
    </message>
    <message>
        <source>作答后可附照片、扫描件和文件。</source>
        <translation>Photos, scans and files can be attached once the item is answered.</translation>
    </message>
    <message>
        <source>本项已附 {n} 个文件（双击打开）：</source>
        <translation>{n} file(s) attached to this item (double-click to open):</translation>
    </message>
    <message>
        <source>照片、扫描件和文件附在这一项的作答上。</source>
        <translation>Photos, scans and files are attached to the answer of this item.</translation>
    </message>
    <message>
        <source>新添加的文件同时附在台账问题上。</source>
        <translation>Files added now are also attached to the ledger problem.</translation>
    </message>
    <message>
        <source>台账问题上另附 {n} 个：{names}</source>
        <translation>{n} more on the ledger problem: {names}</translation>
    </message>
    <message>
        <source>选择印证资料</source>
        <translation>Select evidence</translation>
    </message>
    <message>
        <source>照片、扫描件和文档 (*.jpg *.jpeg *.png *.heic *.tif *.tiff *.pdf *.doc *.docx *.xls *.xlsx *.wps *.et *.ofd *.txt);;所有文件 (*)</source>
        <translation>Photos, scans and documents (*.jpg *.jpeg *.png *.heic *.tif *.tiff *.pdf *.doc *.docx *.xls *.xlsx *.wps *.et *.ofd *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>删除印证资料</source>
        <translation>Remove evidence</translation>
    </message>
    <message>
        <source>从这一项的作答中删除“{name}”？</source>
        <translation>Remove “{name}” from the answer of this item?</translation>
    </message>
    <message>
        <source>关联已有问题</source>
        <translation>Link existing problem</translation>
    </message>
    <message>
        <source>这个专项行动中本单位没有未销号的问题可以关联。</source>
        <translation>This unit has no open problems in this campaign to link.</translation>
    </message>
    <message>
        <source>序号 {seq}&#x3000;[{category}] {issue}（{status}）</source>
        <translation>No. {seq}&#x3000;[{category}] {issue} ({status})</translation>
    </message>
    <message>
        <source>第 {code} 项“不符合”，关联到：</source>
        <translation>Item {code} &quot;Does not conform&quot;, link to:</translation>
    </message>
</context>
<context>
    <name>SelfCheckPage</name>
    <message>
        <source>自查自纠</source>
        <translation>Self-check</translation>
    </message>
    <message>
        <source>新建自查…</source>
        <translation>New self-check…</translation>
    </message>
    <message>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>导出结果…</source>
        <translation>Export results…</translation>
    </message>
    <message>
        <source>导出所选自查的逐项结果（Excel 或 PDF）</source>
        <translation>Export the item-by-item results of the selected self-check (Excel or PDF)</translation>
    </message>
    <message>
        <source>对照专项行动的自查清单逐项检查本单位：每项答“符合”“不符合”或“不适用”，“不符合”的条目自动挂到问题台账（来源：自查自纠），整改按挂单销号跟踪。可以随时离开，下次从第一个未填的条目继续。</source>
        <translation>Check your unit item by item against the campaign&apos;s self-check list: answer each item &quot;Conforms&quot;, &quot;Does not conform&quot; or &quot;Not applicable&quot;. Items that do not conform are added to the ledger automatically (source: self-check) and tracked until rectified and closed. You can leave at any time and continue later from the first unanswered item.</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>自查清单（版本）</source>
        <translation>Self-check list (version)</translation>
    </message>
    <message>
        <source>发起人</source>
        <translation>Started by</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>不符合</source>
        <translation>Does not conform</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>还没有自查。点击“新建自查…”，选择专项行动和自查清单后开始逐项填写。</source>
        <translation>No self-checks yet. Click &quot;New self-check…&quot;, choose a campaign and a self-check list, and start answering item by item.</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>本单位</source>
        <translation>Own unit</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>检查模板</source>
        <translation>Templates</translation>
    </message>
    <message>
        <source>签名密钥</source>
        <translation>Signing keys</translation>
    </message>
    <message>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>审计记录</source>
        <translation>Audit records</translation>
    </message>
    <message>
        <source>数据与日志</source>
        <translation>Data and logs</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <source>共 {n} 条</source>
        <translation>{n} in total</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>本人确认以下 {n} 条问题的内容（含回头看评估和整改完成情况）属实。签字后如再修改，签字将显示为“已过期”，需重新签字。签名口令为您的登录密码。</source>
        <translation>I confirm that the content of the following {n} problems (including the look-back evaluation and the rectification result) is true. If they are changed after signing, the signature will show as &quot;Stale&quot; and must be given again. The signing passphrase is your login password.</translation>
    </message>
    <message>
        <source>责任人签字确认</source>
        <translation>Sign-off by the responsible person</translation>
    </message>
    <message>
        <source>签字</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>单位盖章</source>
        <translation>Apply unit seal</translation>
    </message>
    <message>
        <source>盖章</source>
        <translation>Seal</translation>
    </message>
    <message>
        <source>以本单位签章确认下列台账内容。签署后该版本冻结；之后的修改将形成新的草稿版本，本签章显示为“已过期”。签名口令为您的登录密码。</source>
        <translation>Confirm the following ledger content with the unit seal. Once signed, this revision is frozen; later changes form a new draft revision, and this seal will show as &quot;Stale&quot;. The signing passphrase is your login password.</translation>
    </message>
    <message>
        <source>审核签署</source>
        <translation>Review and sign</translation>
    </message>
    <message>
        <source>本人已审核下列台账内容，确认其真实、完整。签署后该版本冻结；之后的修改将形成新的草稿版本，本签署显示为“已过期”。签名口令为您的登录密码。</source>
        <translation>I have reviewed the following ledger content and confirm that it is true and complete. Once signed, this revision is frozen; later changes form a new draft revision, and this signature will show as &quot;Stale&quot;. The signing passphrase is your login password.</translation>
    </message>
</context>
<context>
    <name>StationPanel</name>
    <message>
        <source>生成报送包…</source>
        <translation>Create submission package…</translation>
    </message>
    <message>
        <source>再次写出…</source>
        <translation>Write out again…</translation>
    </message>
    <message>
        <source>上级接收密钥…</source>
        <translation>Upper office receiving keys…</translation>
    </message>
    <message>
        <source>登记上级单位…</source>
        <translation>Register upper office…</translation>
    </message>
    <message>
        <source>导入回执…</source>
        <translation>Import receipt…</translation>
    </message>
    <message>
        <source>只有负责人可以生成和再次写出报送包（要用单位签章密钥签章）。</source>
        <translation>Only a chief can create submission packages and write them out again (they are sealed with the unit seal key).</translation>
    </message>
    <message>
        <source>报送包由本单位负责人生成，报送记录只有负责人和管理员可以查看。</source>
        <translation>Submission packages are created by a chief of the unit; only chiefs and administrators can see the submission records.</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>Sequence number</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>生成时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>是否加密</source>
        <translation>Encrypted</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>回执时间</source>
        <translation>Receipt time</translation>
    </message>
    <message>
        <source>报送包默认包含“上次已确认送达的报送包”之后的全部变动：上级机关收到报送包并出具回执、本单位据此标记为“已送达”后，下一个报送包从那里接着报；尚未送达的报送包的内容会在下一个报送包中再次报送，不会遗漏。</source>
        <translation>By default, a submission package contains all changes since the last submission package confirmed as delivered: once the upper office has received a package and issued a receipt, and the unit has marked it &quot;Delivered&quot; accordingly, the next package continues from there. The content of packages not yet delivered is submitted again in the next package, so nothing is missed.</translation>
    </message>
    <message>
        <source>已设置 {n} 个上级接收密钥：报送包将加密，只有上级机关能打开。</source>
        <translation>{n} upper office receiving keys set: submission packages will be encrypted, and only the upper office can open them.</translation>
    </message>
    <message>
        <source>尚未设置上级接收密钥：报送包不加密（有单位签章，改动可被发现）。</source>
        <translation>No upper office receiving keys set yet: submission packages are not encrypted (they carry the unit seal, so changes can be detected).</translation>
    </message>
    <message>
        <source>不限专项行动</source>
        <translation>Any campaign</translation>
    </message>
    <message>
        <source>已加密</source>
        <translation>Encrypted</translation>
    </message>
    <message>
        <source>未加密</source>
        <translation>Not encrypted</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>已写出</source>
        <translation>Written out</translation>
    </message>
    <message>
        <source>本机保存的报送包文件已不在，无法再次写出。</source>
        <translation>The submission package file kept on this computer is gone, so it cannot be written out again.</translation>
    </message>
    <message>
        <source>专项行动：{campaign}
报送期间：{start} 至 {end}
材料：{materials}
写入到：{target}</source>
        <translation>Campaign: {campaign}
Submission period: {start} to {end}
Materials: {materials}
Write to: {target}</translation>
    </message>
    <message>
        <source>{name}（{n} 个文件）</source>
        <translation>{name} ({n} files)</translation>
    </message>
    <message>
        <source>用单位签章密钥签章</source>
        <translation>Seal with the unit seal key</translation>
    </message>
    <message>
        <source>报送包将用本单位签章密钥签章。请输入您的签名口令（登录密码）。</source>
        <translation>The submission package will be sealed with the unit seal key. Type your signing passphrase (your login password).</translation>
    </message>
    <message>
        <source>签章并写出</source>
        <translation>Seal and write out</translation>
    </message>
    <message>
        <source>生成报送包</source>
        <translation>Create submission package</translation>
    </message>
    <message>
        <source>正在收集、签章并写入报送包，请不要拔出 U 盘…</source>
        <translation>Collecting, sealing and writing the submission package; do not pull out the USB stick…</translation>
    </message>
    <message>
        <source>报送包已写出</source>
        <translation>Submission package written out</translation>
    </message>
    <message>
        <source>第 {seq} 号报送包已写出：
{path}

大小：{size}
SHA-256（前 16 位）：{sha}
{encrypted}

已从 U 盘读回核验，可以安全拔出。</source>
        <translation>Submission package no. {seq} was written out:
{path}

Size: {size}
SHA-256 (first 16 digits): {sha}
{encrypted}

It was read back from the USB stick and verified; you can safely remove the stick.</translation>
    </message>
    <message>
        <source>已加密给上级机关。</source>
        <translation>Encrypted to the upper office.</translation>
    </message>
    <message>
        <source>未加密（未设置上级接收密钥）。</source>
        <translation>Not encrypted (no upper office receiving keys set).</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>已取消，U 盘和本机都没有留下报送包，也没有记录。</source>
        <translation>Cancelled; no submission package and no record was left on the USB stick or on this computer.</translation>
    </message>
    <message>
        <source>报送包没有写出</source>
        <translation>Submission package not written out</translation>
    </message>
    <message>
        <source>再次写出报送包</source>
        <translation>Write out submission package again</translation>
    </message>
    <message>
        <source>把本机保存的第 {seq} 号报送包再写到一个 U 盘或文件夹（例如原来的 U 盘丢失或损坏）。内容与原来的完全相同，写入后会读回核验。</source>
        <translation>Write submission package no. {seq} kept on this computer to another USB stick or folder (for example, if the original USB stick was lost or damaged). The content is exactly the same as before, and it is read back and verified after writing.</translation>
    </message>
    <message>
        <source>报送包已再次写出</source>
        <translation>Submission package written out again</translation>
    </message>
    <message>
        <source>第 {seq} 号报送包已再次写出：
{path}

已从 U 盘读回核验，可以安全拔出。</source>
        <translation>Submission package no. {seq} was written out again:
{path}

It was read back from the USB stick and verified; you can safely remove the stick.</translation>
    </message>
    <message>
        <source>正在写入并核验，请不要拔出 U 盘…</source>
        <translation>Writing and verifying; do not pull out the USB stick…</translation>
    </message>
</context>
<context>
    <name>SubmissionPage</name>
    <message>
        <source>报送上级（本单位）</source>
        <translation>Submit to upper office (this unit)</translation>
    </message>
    <message>
        <source>上级来文</source>
        <translation>Instructions from upper office</translation>
    </message>
    <message>
        <source>接收下级报送</source>
        <translation>Receive from subordinate units</translation>
    </message>
</context>
<context>
    <name>TargetDialog</name>
    <message>
        <source>写出</source>
        <translation>Write out</translation>
    </message>
    <message>
        <source>请选择要写入的 U 盘或文件夹。</source>
        <translation>Choose the USB stick or folder to write to.</translation>
    </message>
</context>
<context>
    <name>TargetPicker</name>
    <message>
        <source>{name}（{root}）&#x3000;可用 {free}</source>
        <extracomment>File systems that are never a place to write a package to.</extracomment>
        <translation>{name} ({root})&#x3000;{free} free</translation>
    </message>
    <message>
        <source>没有找到可写入的 U 盘。请插入 U 盘，或选择一个文件夹。</source>
        <translation>No writable USB stick was found. Insert a USB stick, or choose a folder.</translation>
    </message>
    <message>
        <source>选择文件夹…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <source>选择写入报送包的文件夹</source>
        <translation>Choose the folder to write the submission package to</translation>
    </message>
    <message>
        <source>文件夹 {path}&#x3000;可用 {free}</source>
        <translation>Folder {path}&#x3000;{free} free</translation>
    </message>
</context>
<context>
    <name>TemplateErrorsDialog</name>
    <message>
        <source>模板有错误，未能导入</source>
        <translation>Template has errors and was not imported</translation>
    </message>
    <message>
        <source>“{name}”有 {n} 处错误，没有导入任何内容。请在 Excel 或 WPS 中逐一改正后再导入：</source>
        <translation>&quot;{name}&quot; has {n} errors; nothing was imported. Correct them in Excel or WPS and import again:</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>栏目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Location</translation>
    </message>
</context>
<context>
    <name>TemplatesPanel</name>
    <message>
        <source>导入（Excel/JSON）…</source>
        <translation>Import (Excel/JSON)…</translation>
    </message>
    <message>
        <source>导出为 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>导出为 JSON…</source>
        <translation>Export to JSON…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>自查清单和案卷评查标准是模板：导出为 Excel 后可在 Excel 或 WPS 中修改，再导入即成为新版本；已填写的自查和评查仍按原版本保存。内置模板是示例，请按本单位实际修改后使用。</source>
        <translation>Self-check lists and case-file review standards are templates: export one to Excel, edit it in Excel or WPS, and import it again as a new version. Self-checks and reviews already filled in keep their original version. The built-in templates are examples; adapt them to your unit before use.</translation>
    </message>
    <message>
        <source>只有负责人或管理员可以导入、停用和启用模板。</source>
        <translation>Only managers or administrators can import, deactivate and activate templates.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>模板名称</source>
        <translation>Template name</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>发布单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>发布日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>条目</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>已使用</source>
        <translation>Used</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>内置示例</source>
        <translation>Built-in example</translation>
    </message>
    <message>
        <source>{source}（示例模板）</source>
        <translation>{source} (example template)</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Activate</translation>
    </message>
    <message>
        <source>导入模板</source>
        <translation>Import template</translation>
    </message>
    <message>
        <source>模板文件 (*.xlsx *.json);;Excel 工作簿 (*.xlsx);;JSON (*.json);;所有文件 (*)</source>
        <translation>Template files (*.xlsx *.json);;Excel workbooks (*.xlsx);;JSON (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取并检查模板…</source>
        <translation>Reading and checking the template…</translation>
    </message>
    <message>
        <source>“{name}”的内容与已导入的某个版本相同，没有新增版本。</source>
        <translation>&quot;{name}&quot; is identical to a version already imported; no new version was added.</translation>
    </message>
    <message>
        <source>已导入《{name}》{version}（{kind}，{n} 项）。</source>
        <translation>Imported &quot;{name}&quot; {version} ({kind}, {n} items).</translation>
    </message>
    <message>
        <source>无法导入模板</source>
        <translation>Cannot import template</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>导出模板</source>
        <translation>Export template</translation>
    </message>
    <message>
        <source>正在写出模板文件…</source>
        <translation>Writing the template file…</translation>
    </message>
    <message>
        <source>已导出到：{path}</source>
        <translation>Exported to: {path}</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>修改培训记录</source>
        <extracomment>What the 考核情况 list offers (anything else may be typed).</extracomment>
        <translation>Edit training record</translation>
    </message>
    <message>
        <source>登记培训</source>
        <translation>Register training</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>Select none</translation>
    </message>
    <message>
        <source>参加人员 *</source>
        <translation>Participants *</translation>
    </message>
    <message>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>如：《交通运输行政执法程序规定》专题学习</source>
        <translation>e.g. Study session on the “Provisions on Administrative Law Enforcement Procedures in Transport”</translation>
    </message>
    <message>
        <source> 学时</source>
        <translation> hours</translation>
    </message>
    <message>
        <source>日期 *</source>
        <translation>Date *</translation>
    </message>
    <message>
        <source>培训内容 *</source>
        <translation>Topic *</translation>
    </message>
    <message>
        <source>培训形式 *</source>
        <translation>Training type *</translation>
    </message>
    <message>
        <source>学时 *</source>
        <translation>Hours *</translation>
    </message>
    <message>
        <source>考核情况</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>学时以半学时为单位，每人每天合计不超过 24 学时。同一人同一天的同一培训内容只登记一次。</source>
        <translation>Hours are counted in half hours, at most 24 hours per person per day in total. The same topic for the same person on the same day is registered only once.</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>执法辅助人员（不得独立执法）</source>
        <extracomment>standing -&gt; colour of its text and progress bar. standing -&gt; colour of its progress bar (lighter, so the figures on it stay readable).</extracomment>
        <translation>Auxiliary staff (may not enforce on their own)</translation>
    </message>
    <message>
        <source>有效（至 {date}）</source>
        <translation>Valid until {date}</translation>
    </message>
    <message>
        <source>有效期未登记</source>
        <translation>Validity not registered</translation>
    </message>
    <message>
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>目标：每名执法人员每年不少于 {n} 学时（{doc}）</source>
        <translation>Target: at least {n} training hours per officer per year ({doc})</translation>
    </message>
    <message>
        <source>登记培训…</source>
        <translation>Register training…</translation>
    </message>
    <message>
        <source>登记一次培训，可同时选择多名参加人员</source>
        <translation>Register one training session; several participants can be chosen at once</translation>
    </message>
    <message>
        <source>证件信息…</source>
        <translation>Certificate details…</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>学时进度</source>
        <translation>Hours progress</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Enforcement certificate no.</translation>
    </message>
    <message>
        <source>执法证</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>只看所选人员</source>
        <translation>Selected people only</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>培训内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>培训形式</source>
        <translation>Training type</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>考核情况</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>只有持有效执法证的人员可以独立从事行政执法工作；没有执法证号、执法证过期、暂扣或已收回注销的人员不得独立执法（{doc}）。</source>
        <translation>Only people with a valid enforcement certificate may carry out administrative enforcement on their own; people with no certificate no., or whose certificate has expired, been suspended or been withdrawn and cancelled, may not enforce on their own ({doc}).</translation>
    </message>
    <message>
        <source>{year} 年度</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>执法人员 {n} 人：已达标 {done} 人，进度正常 {on_track} 人，进度落后 {behind} 人（其中严重落后或未达标 {far} 人）；执法证缺失、过期、暂扣或注销 {blocked} 人，90 天内到期 {expiring} 人。</source>
        <translation>{n} officers: {done} met the target, {on_track} on track, {behind} behind (of whom {far} far behind or target not met); {blocked} with a certificate missing, expired, suspended or cancelled, {expiring} with a certificate expiring within 90 days.</translation>
    </message>
    <message>
        <source>{name}（已调离）</source>
        <translation>{name} (transferred out)</translation>
    </message>
    <message>
        <source>按日期进度，截至今天应完成 {expected} 学时；全年目标 {target} 学时。</source>
        <translation>Pro rata by date, {expected} hours should be done by today; the target for the year is {target} hours.</translation>
    </message>
    <message>
        <source>执法辅助人员不发执法证，不得独立从事行政执法工作。</source>
        <translation>Auxiliary staff are not issued enforcement certificates and may not carry out administrative enforcement on their own.</translation>
    </message>
    <message>
        <source>状态：{status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>发证日期：{date}</source>
        <translation>Issue date: {date}</translation>
    </message>
    <message>
        <source>有效期至：{date}</source>
        <translation>Valid until: {date}</translation>
    </message>
    <message>
        <source>可以独立执法。</source>
        <translation>May enforce on their own.</translation>
    </message>
    <message>
        <source>不得独立执法。</source>
        <translation>May not enforce on their own.</translation>
    </message>
    <message>
        <source>{name}的培训记录（{year} 年度，{n} 条）</source>
        <translation>Training records of {name} ({year}, {n} record(s))</translation>
    </message>
    <message>
        <source>全部人员的培训记录（{year} 年度，{n} 条）</source>
        <translation>Training records of all people ({year}, {n} record(s))</translation>
    </message>
    <message>
        <source>您的角色不能进行此操作。</source>
        <translation>Your role does not allow this operation.</translation>
    </message>
    <message>
        <source>删除培训记录</source>
        <translation>Delete training record</translation>
    </message>
    <message>
        <source>删除 {name} 在 {date} 的培训记录“{topic}”（{hours} 学时）？</source>
        <translation>Delete the training record “{topic}” of {name} on {date} ({hours} hours)?</translation>
    </message>
    <message>
        <source>导出 {year} 年度本单位全部人员的培训记录或学时统计。</source>
        <translation>Exports the training records or the training hours summary of all the unit&apos;s people for {year}.</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>添加单位</source>
        <translation>Add unit</translation>
    </message>
</context>
<context>
    <name>UnitForm</name>
    <message>
        <source>（无上级）</source>
        <translation>(No parent unit)</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>单位代码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>上级单位</source>
        <translation>Parent unit</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <source>本单位信息</source>
        <translation>Own unit details</translation>
    </message>
    <message>
        <source>报送材料和签名都以此为准；以后可以在“设置”中修改。</source>
        <translation>Submission materials and signatures are based on these details; you can change them later in “Settings”.</translation>
    </message>
    <message>
        <source>省级</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>市州</source>
        <translation>City/prefecture</translation>
    </message>
    <message>
        <source>县区</source>
        <translation>County/district</translation>
    </message>
    <message>
        <source>站所</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>如：玛沁县大武超限检测站</source>
        <translation>e.g. Dawu Overload Inspection Station, Maqin County</translation>
    </message>
    <message>
        <source>统一社会信用代码或上级编定的单位代码</source>
        <translation>Unified social credit code, or the unit code assigned by the parent unit</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>单位代码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>上级单位（可选）</source>
        <translation>Parent unit (optional)</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
</context>
<context>
    <name>UnitPanel</name>
    <message>
        <source>本单位</source>
        <translation>Own unit</translation>
    </message>
    <message>
        <source>保存本单位信息</source>
        <translation>Save own unit details</translation>
    </message>
    <message>
        <source>单位层级</source>
        <translation>Unit hierarchy</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>添加单位…</source>
        <translation>Add unit…</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>欢迎使用执法台账</source>
        <translation>Welcome to FieldLedger</translation>
    </message>
    <message>
        <source>执法台账在本机保存自查自纠、案卷评查、问题整改台账和报送材料，不需要联网。数据经签名后可用 U 盘报送上级。

首次使用请先登记本单位和负责人账号。</source>
        <translation>FieldLedger keeps self-checks, case-file reviews, the problem rectification ledger and submission materials on this computer, with no network connection needed. Once signed, data can be submitted to the parent unit on a USB stick.

Before first use, register your own unit and the Chief&apos;s account.</translation>
    </message>
    <message>
        <source>登记本单位，开始正式使用</source>
        <translation>Register own unit and start working</translation>
    </message>
    <message>
        <source>先看看演示数据（青海省果洛州玛沁县大武超限检测站）</source>
        <translation>Look at the demo data first (Dawu Overload Inspection Station, Maqin County, Golog Prefecture, Qinghai Province)</translation>
    </message>
</context>
<context>
    <name>_SavingDialog</name>
    <message>
        <source>保存（Ctrl+Enter）</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>alarms</name>
    <message>
        <source>同号异包</source>
        <extracomment>Tables whose rows a package may carry in ``records/`` (besides the audit entries): exactly those a station sends (models.package_contents.RECORD_TABLES); anything else is refused.</extracomment>
        <translation>Same number, different package</translation>
    </message>
    <message>
        <source>缺号</source>
        <translation>Missing number</translation>
    </message>
    <message>
        <source>前包不符</source>
        <translation>Previous package mismatch</translation>
    </message>
    <message>
        <source>重放旧包</source>
        <translation>Old package replayed</translation>
    </message>
    <message>
        <source>审计链分叉</source>
        <translation>Audit chain fork</translation>
    </message>
    <message>
        <source>“{unit}”第 {seq} 号报送包已导入过另一份内容不同的包（{other}），本包不予导入。</source>
        <translation>A different package ({other}) has already been imported as submission package no. {seq} from &quot;{unit}&quot;; this package will not be imported.</translation>
    </message>
    <message>
        <source>“{unit}”第 {seq} 号报送包早于已导入的第 {last} 号，是旧包重放，不予导入。</source>
        <translation>Submission package no. {seq} from &quot;{unit}&quot; is older than the already imported no. {last}: it is an old package replayed and will not be imported.</translation>
    </message>
    <message>
        <source>“{unit}”的报送包缺号：上次导入第 {last} 号，本包是第 {seq} 号。请向该单位核实缺少的报送包。</source>
        <translation>Submission packages from &quot;{unit}&quot; are missing: the last one imported was no. {last}, and this one is no. {seq}. Check the missing submission packages with that unit.</translation>
    </message>
    <message>
        <source>“{unit}”第 {seq} 号报送包所称的前一包 {prev} 与本机导入的前一包 {last} 不符。</source>
        <translation>The previous package {prev} named by submission package no. {seq} from &quot;{unit}&quot; does not match the previous package {last} imported on this computer.</translation>
    </message>
    <message>
        <source>“{unit}”第 {seq} 号报送包的审计链没有接续本机上次见到的末条（序号 {last}）：{detail}。该单位的数据可能被回退或改写，不予导入。</source>
        <translation>The audit chain of submission package no. {seq} from &quot;{unit}&quot; does not continue from the last entry this computer saw before (sequence number {last}): {detail}. The unit&apos;s data may have been rolled back or rewritten; the package will not be imported.</translation>
    </message>
    <message>
        <source>“{unit}”第 {seq} 号报送包的审计记录从序号 {first} 开始，缺少上次见到的末条（序号 {last}）之后的记录，无法确认接续。</source>
        <translation>The audit records of submission package no. {seq} from &quot;{unit}&quot; start at sequence number {first}; the records after the last entry seen before (sequence number {last}) are missing, so it cannot be confirmed that the chain continues.</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>密码错误</source>
        <translation>Wrong password</translation>
    </message>
    <message>
        <source>解锁账号</source>
        <translation>Unlock account</translation>
    </message>
    <message>
        <source>升级数据结构</source>
        <translation>Upgrade data structure</translation>
    </message>
    <message>
        <source>签名口令错误</source>
        <translation>Wrong signing passphrase</translation>
    </message>
    <message>
        <source>签署文件</source>
        <translation>Sign file</translation>
    </message>
    <message>
        <source>导出密钥登记文件</source>
        <translation>Export key enrollment file</translation>
    </message>
    <message>
        <source>审计链校验</source>
        <translation>Audit chain verification</translation>
    </message>
    <message>
        <source>校验已取消，没有得出结论。</source>
        <translation>Verification was cancelled; no conclusion was reached.</translation>
    </message>
    <message>
        <source>请立即报告负责人，并保留本机和数据文件夹原样，以便核查。</source>
        <translation>Report this to the Chief immediately, and leave this computer and the data folder exactly as they are so that they can be examined.</translation>
    </message>
    <message>
        <source>正在逐条核对审计记录和业务数据…</source>
        <translation>Checking the audit records and business data one by one…</translation>
    </message>
</context>
<context>
    <name>briefs</name>
    <message>
        <source>草稿</source>
        <extracomment>status -&gt; the name shown (context &quot;briefs&quot;)</extracomment>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已定稿</source>
        <translation>Finalized</translation>
    </message>
</context>
<context>
    <name>campaigns</name>
    <message>
        <source>专项整治行动</source>
        <extracomment>kind -&gt; Chinese label (translated in the ``campaigns`` context by the GUI)</extracomment>
        <translation>Special campaign</translation>
    </message>
    <message>
        <source>三年行动</source>
        <translation>Three-year action</translation>
    </message>
</context>
<context>
    <name>casefiles</name>
    <message>
        <source>行政处罚</source>
        <translation>Administrative penalty</translation>
    </message>
    <message>
        <source>行政强制</source>
        <translation>Administrative coercion</translation>
    </message>
    <message>
        <source>行政检查</source>
        <translation>Administrative inspection</translation>
    </message>
    <message>
        <source>行政许可</source>
        <translation>Administrative licensing</translation>
    </message>
</context>
<context>
    <name>diagnostics</name>
    <message>
        <source>个人签名密钥</source>
        <translation>Personal signing key</translation>
    </message>
    <message>
        <source>单位签章密钥</source>
        <translation>Unit seal key</translation>
    </message>
    <message>
        <source>解密密钥（接收报送包）</source>
        <translation>Decryption key (receiving packages)</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已吊销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>持有人：{names}</source>
        <translation>Holders: {names}</translation>
    </message>
    <message>
        <source>数据版本：{found}（本程序支持到 {latest}）</source>
        <translation>Data version: {found} (this program supports up to {latest})</translation>
    </message>
    <message>
        <source>Python：{version}</source>
        <translation>Python: {version}</translation>
    </message>
    <message>
        <source>数据文件夹：{path}</source>
        <translation>Data folder: {path}</translation>
    </message>
    <message>
        <source>数据库：{size}（WAL {wal}）</source>
        <translation>Database: {size} (WAL {wal})</translation>
    </message>
    <message>
        <source>印证资料：{count} 个文件，{size}</source>
        <translation>Evidence: {count} files, {size}</translation>
    </message>
    <message>
        <source>最近一次备份：还没有备份</source>
        <translation>Latest backup: none yet</translation>
    </message>
    <message>
        <source>最近一次备份：{time}&#x3000;{path}</source>
        <translation>Latest backup: {time}  {path}</translation>
    </message>
    <message>
        <source>本单位：{name}（代码 {code}）</source>
        <translation>Own unit: {name} (code {code})</translation>
    </message>
    <message>
        <source>安装编号：{id}</source>
        <translation>Installation id: {id}</translation>
    </message>
    <message>
        <source>密钥指纹：</source>
        <translation>Key fingerprints:</translation>
    </message>
    <message>
        <source>（尚无密钥）</source>
        <translation>(no keys yet)</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>程序内部出错，刚才的操作没有完成，已保存的数据不受影响。详细信息已写入日志文件：{path}
如问题反复出现，请把日志文件交给技术人员。</source>
        <translation>An internal program error occurred and the last operation was not completed; data already saved is not affected. Details have been written to the log file: {path}
If the problem keeps happening, please give the log file to technical staff.</translation>
    </message>
    <message>
        <source>无法完成操作</source>
        <translation>Could not complete the operation</translation>
    </message>
    <message>
        <source>未知的角色：{role}</source>
        <translation>Unknown role: {role}</translation>
    </message>
    <message>
        <source>每个账号至少要有一个角色。</source>
        <translation>Every account must have at least one role.</translation>
    </message>
    <message>
        <source>用户名“{name}”已存在。</source>
        <translation>The user name “{name}” already exists. Please choose another one.</translation>
    </message>
    <message>
        <source>这是最后一个有效的管理员账号，不能停用或取消其管理员角色。</source>
        <translation>This is the last active administrator account: it cannot be disabled or lose its Administrator role.</translation>
    </message>
    <message>
        <source>原密码不正确。</source>
        <translation>The current password is incorrect.</translation>
    </message>
    <message>
        <source>结束日期不能早于开始日期。</source>
        <translation>The end date cannot be earlier than the start date.</translation>
    </message>
    <message>
        <source>问题类别“{name}”重复。</source>
        <translation>The problem category “{name}” is listed more than once.</translation>
    </message>
    <message>
        <source>阶段“{name}”的截止日期早于开始日期。</source>
        <translation>The deadline of phase “{name}” is earlier than its start date.</translation>
    </message>
    <message>
        <source>材料“{name}”的每月截止日应为 1 到 31 之间的日子。</source>
        <extracomment>The keys of a material item that set its rule (see the module doc).</extracomment>
        <translation>The monthly due day of material “{name}” must be a day from 1 to 31.</translation>
    </message>
    <message>
        <source>材料“{name}”的截止月份应为本月或次月。</source>
        <translation>The due month of material “{name}” must be the same month or the next month.</translation>
    </message>
    <message>
        <source>问题类别“{name}”已有 {count} 个问题在用，不能删除。可以改名（问题随之改名），或先把这些问题改到其他类别。</source>
        <translation>{count} problems use the category “{name}”, so it cannot be removed. Rename it (its problems follow), or move those problems to another category first.</translation>
    </message>
    <message>
        <source>单位代码“{code}”已被其他单位使用。</source>
        <translation>The unit code “{code}” is already used by another unit.</translation>
    </message>
    <message>
        <source>上级单位的层级必须高于本单位的层级。</source>
        <translation>The parent unit must be at a higher level than this unit.</translation>
    </message>
    <message>
        <source>不能把单位设为自己下级的下级。</source>
        <translation>A unit cannot be placed under one of its own subordinate units.</translation>
    </message>
    <message>
        <source>下级单位的层级必须低于本单位的层级：请先调整下级单位。</source>
        <translation>Subordinate units must be at a lower level than this unit: adjust the subordinate units first.</translation>
    </message>
    <message>
        <source>执法证号“{cert}”已登记给{name}。</source>
        <translation>Enforcement certificate no. “{cert}” is already registered to {name}.</translation>
    </message>
    <message>
        <source>操作未能完成。</source>
        <translation>The operation could not be completed.</translation>
    </message>
    <message>
        <source>找不到数据库文件：{path}
此数据文件夹曾经建立过台账，但数据库文件不见了。请检查 U 盘或移动硬盘是否已插好，或从备份恢复该文件；程序没有新建空数据库，以免覆盖您的数据。</source>
        <translation>Database file not found: {path}
A ledger was set up in this data folder before, but its database file is missing. Check that the USB stick or external drive is plugged in properly, or restore the file from a backup. The program has not created a new empty database, so that your data is not overwritten.</translation>
    </message>
    <message>
        <source>数据库文件已损坏，无法读取：{path}
程序没有修改这个文件。请从备份恢复，或把该文件连同日志文件夹交给技术人员检查。</source>
        <translation>The database file is damaged and cannot be read: {path}
The program has not changed this file. Restore it from a backup, or give the file together with the log folder to technical staff for inspection.</translation>
    </message>
    <message>
        <source>数据库正被另一个程序占用：{path}
可能已经打开了另一个执法台账窗口，或有备份程序正在读取。请关闭其他窗口后重试。</source>
        <translation>The database is in use by another program: {path}
Another FieldLedger window may already be open, or a backup program may be reading it. Close the other windows and try again.</translation>
    </message>
    <message>
        <source>无法写入数据库（文件或文件夹是只读的）：{path}
请检查文件属性、U 盘写保护开关或文件夹权限，或用 --data-dir 选择一个可写的文件夹。数据未被修改。</source>
        <translation>Cannot write to the database (the file or folder is read-only): {path}
Check the file properties, the write-protect switch on the USB stick or the folder permissions, or use --data-dir to choose a writable folder. No data was changed.</translation>
    </message>
    <message>
        <source>磁盘空间已满，刚才的操作没有保存（已撤回，原有数据完好）：{path}
请清理磁盘空间后再试一次。</source>
        <translation>The disk is full, so the last operation was not saved (it was rolled back and existing data is intact): {path}
Free up some disk space and try again.</translation>
    </message>
    <message>
        <source>这个数据库由更新版本的执法台账建立（数据版本 {found}，本程序最高支持 {supported}）：{path}
程序没有修改它。请安装最新版本的执法台账后再打开。</source>
        <translation>This database was created by a newer version of FieldLedger (data version {found}; this program supports up to {supported}): {path}
The program has not changed it. Install the latest version of FieldLedger, then open it again.</translation>
    </message>
    <message>
        <source>无法使用数据文件夹：{path}
原因：{reason}
请选择一个可写的文件夹（--data-dir）。</source>
        <translation>Cannot use the data folder: {path}
Reason: {reason}
Choose a writable folder (--data-dir).</translation>
    </message>
    <message>
        <source>尚未完成首次设置：请先登记本单位和第一个负责人账号。</source>
        <translation>First-time setup has not been completed: register your own unit and the first Chief account first.</translation>
    </message>
    <message>
        <source>本机已经完成首次设置，不能再次初始化。</source>
        <translation>First-time setup has already been completed on this computer; it cannot be run again.</translation>
    </message>
    <message>
        <source>用户名或密码不正确。</source>
        <translation>The user name or password is incorrect.</translation>
    </message>
    <message>
        <source>密码错误次数过多，请 {seconds} 秒后再试。如忘记密码，请联系本单位管理员重置。</source>
        <translation>Too many wrong passwords. Try again in {seconds} seconds. If you have forgotten your password, ask your unit&apos;s administrator to reset it.</translation>
    </message>
    <message>
        <source>密码连续错误 {failures} 次，账号已临时锁定，{minutes} 分钟后自动解锁，也可请管理员立即解锁。</source>
        <translation>The password was wrong {failures} times in a row, so the account is temporarily locked. It unlocks automatically in {minutes} minutes, or an administrator can unlock it now.</translation>
    </message>
    <message>
        <source>该账号已停用，请联系本单位管理员。</source>
        <translation>This account has been disabled. Contact your unit&apos;s administrator.</translation>
    </message>
    <message>
        <source>您没有权限执行“{operation}”。此操作需要以下角色之一：{roles}。</source>
        <translation>You do not have permission to perform “{operation}”. This operation requires one of these roles: {roles}.</translation>
    </message>
    <message>
        <source>找不到{what}（编号 {key}），可能已被删除。</source>
        <translation>Could not find {what} (ID {key}); it may have been deleted.</translation>
    </message>
    <message>
        <source>操作已取消，未做任何修改。</source>
        <translation>The operation was cancelled; nothing was changed.</translation>
    </message>
    <message>
        <source>密码至少需要 {n} 位。</source>
        <extracomment>A hash of a random password, checked against when the user name is unknown, so that a wrong name takes as long as a wrong password.</extracomment>
        <translation>The password must be at least {n} characters long.</translation>
    </message>
    <message>
        <source>密码过于简单，请不要使用重复的数字。</source>
        <translation>The password is too simple. Do not use repeated digits.</translation>
    </message>
    <message>
        <source>“{field}”不能为空。</source>
        <translation>“{field}” cannot be empty.</translation>
    </message>
    <message>
        <source>“{field}”太长（最多 {limit} 个字）。</source>
        <translation>“{field}” is too long (at most {limit} characters).</translation>
    </message>
    <message>
        <source>“{field}”不是有效日期：{value}（应为 年-月-日，如 2024-06-30）。</source>
        <translation>“{field}” is not a valid date: {value} (use year-month-day, e.g. 2024-06-30).</translation>
    </message>
    <message>
        <source>“{field}”的取值无效：{value}。</source>
        <translation>“{field}” has an invalid value: {value}.</translation>
    </message>
    <message>
        <source>“{field}”只能包含数字、空格和 - + ( )：{value}</source>
        <translation>“{field}” may contain only digits, spaces and - + ( ): {value}</translation>
    </message>
    <message>
        <source>请先在表格中选择要批量调整的问题。</source>
        <translation>First select the problems to bulk change in the table.</translation>
    </message>
    <message>
        <source>“{name}”的文件类型（.{ext}）不能作为印证资料。
可以添加的类型：{allowed}。请另存为其中一种格式后再添加。</source>
        <extracomment>Names of the content checks (keys of ``_SNIFFERS``), any one of which must pass. Accepted extensions (lower case, without the dot). Programs and scripts: refused with their own message.</extracomment>
        <translation>Files of the type of “{name}” (.{ext}) cannot be added as evidence.
Types that can be added: {allowed}. Save the file in one of these formats, then add it again.</translation>
    </message>
    <message>
        <source>“{name}”没有扩展名，无法判断文件类型，不能作为印证资料。
可以添加的类型：{allowed}。请确认文件类型并加上正确的扩展名后再添加。</source>
        <translation>“{name}” has no file extension, so its file type cannot be determined and it cannot be added as evidence.
Types that can be added: {allowed}. Check the file type, give the file the correct extension, then add it again.</translation>
    </message>
    <message>
        <source>“{name}”是可执行程序或脚本，不能作为印证资料。请添加照片、扫描件或文档。</source>
        <translation>“{name}” is a program or script and cannot be added as evidence. Add photos, scans or documents instead.</translation>
    </message>
    <message>
        <source>“{name}”是视频，不能作为印证资料（视频太大，不便保存和报送）。请从视频中截取能说明问题的画面，保存为照片后再添加。</source>
        <translation>“{name}” is a video and cannot be added as evidence (videos are too large to keep and submit). Take a still from the video that shows the problem, save it as a photo, then add the photo.</translation>
    </message>
    <message>
        <source>“{name}”是压缩包，不能作为印证资料。请解压后逐个添加其中的照片或文档。</source>
        <translation>“{name}” is a compressed archive and cannot be added as evidence. Extract it, then add the photos or documents it contains one by one.</translation>
    </message>
    <message>
        <source>“{name}”的扩展名是 .{ext}，但内容是可执行程序，不能作为印证资料。该文件可能被改过扩展名，请勿打开，并检查它的来源。</source>
        <translation>“{name}” has the extension .{ext}, but its content is an executable program, so it cannot be added as evidence. Its extension may have been changed: do not open the file, and check where it came from.</translation>
    </message>
    <message>
        <source>“{name}”的内容与扩展名 .{ext} 不符：文件可能已损坏，或被改过扩展名。请用原来的程序打开它，另存为正确的格式后再添加。</source>
        <translation>The content of “{name}” does not match its extension .{ext}: the file may be damaged, or its extension may have been changed. Open it in the program it was made with, save it in the correct format, then add it again.</translation>
    </message>
    <message>
        <source>“{name}”有 {size}，超过了单个印证资料 {limit} 的上限，未添加。
请压缩照片（或降低分辨率）、把扫描件分成几份，或将文档另存为 PDF 后分别添加。</source>
        <extracomment>The largest file accepted, in bytes. Prefix of the temporary files in the evidence folder while a file is copied in. The tables whose rows refer to stored files (``sha256``): a file goes when none does.</extracomment>
        <translation>“{name}” is {size}, which exceeds the limit of {limit} for a single evidence file, so it was not added.
Compress the photo (or lower its resolution), split the scan into several parts, or save the document as PDF, and add the parts separately.</translation>
    </message>
    <message>
        <source>“{name}”是空文件（0 字节），不能作为印证资料。请检查文件是否已完整复制。</source>
        <translation>“{name}” is an empty file (0 bytes) and cannot be added as evidence. Check that the file was copied completely.</translation>
    </message>
    <message>
        <source>无法读取文件“{path}”：{reason}
请检查文件是否存在、U 盘或移动硬盘是否插好，以及是否有权限读取该文件。</source>
        <translation>Cannot read the file “{path}”: {reason}
Check that the file exists, that the USB stick or external drive is plugged in properly, and that you have permission to read the file.</translation>
    </message>
    <message>
        <source>“{path}”不是文件（可能是文件夹），不能作为印证资料。请选择具体的照片或文档。</source>
        <translation>“{path}” is not a file (it may be a folder) and cannot be added as evidence. Choose individual photos or documents.</translation>
    </message>
    <message>
        <source>进展记录（编号 {note}）不属于这个问题（编号 {problem}），不能把资料附在它上面。请在该问题自己的进展记录下添加。</source>
        <translation>The progress note (ID {note}) does not belong to this problem (ID {problem}), so files cannot be attached to it. Add them under one of this problem&apos;s own progress notes.</translation>
    </message>
    <message>
        <source>举报渠道只能是 {choices}。</source>
        <extracomment>(from, to) -&gt; (permission, note required, verifier must not be the responsible person) Every field create_problem and update_problem take (besides campaign_id and unit_id).</extracomment>
        <translation>The complaint channel must be one of the following: {choices}. Choose one of them.</translation>
    </message>
    <message>
        <source>无法读取文件：{name}
它不是有效的 Excel 工作簿（.xlsx），或文件已损坏。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。</source>
        <extracomment>Files larger than this are refused before they are opened (a ledger of 10,000 rows is ~1 MB).</extracomment>
        <translation>Cannot read the file: {name}
It is not a valid Excel workbook (.xlsx), or it is damaged. Open it in Excel or WPS, save it as .xlsx, then import it.</translation>
    </message>
    <message>
        <source>“{name}”是旧版 .xls 格式，或设置了打开密码。
请在 Excel 或 WPS 中打开它，另存为“Excel 工作簿（.xlsx）”（不设密码）后再导入。</source>
        <translation>“{name}” is in the old .xls format, or has an opening password.
Open it in Excel or WPS, save it as “Excel workbook (.xlsx)” (without a password), then import it.</translation>
    </message>
    <message>
        <source>文件太大（{size} MB，最多 {limit} MB）：{name}
请只保留需要导入的工作表后再导入。</source>
        <translation>The file is too large ({size} MB, at most {limit} MB): {name}
Keep only the sheets to import, then import it again.</translation>
    </message>
    <message>
        <source>在“{name}”中没有找到台账的表头。
请使用通知附件的格式，表头一行为：
问题清单：{checklist}
回头看台账：{review}
可以先导出空白表格，把内容复制进去再导入。</source>
        <extracomment>How far down a sheet the header row is looked for. Rows whose first text starts with one of these are the form&apos;s footer, not problems.</extracomment>
        <translation>No ledger header was found in “{name}”.
Use the notice&apos;s attachment layout; the header row is:
Problem list: {checklist}
Look-back ledger: {review}
You can save a blank form, copy your rows into it, then import it.</translation>
    </message>
    <message>
        <source>工作表“{sheet}”第 {row} 行的表头缺少必需的栏目：{missing}。
请按通知附件的格式补上这一列后再导入。</source>
        <translation>The header in row {row} of sheet “{sheet}” lacks required columns: {missing}.
Add the column as in the notice&apos;s attachment, then import again.</translation>
    </message>
    <message>
        <source>无法读取文件：{name}
原因：{reason}
请确认文件没有被其他程序占用，U 盘已插好。</source>
        <translation>Cannot read the file: {name}
Reason: {reason}
Make sure no other program holds the file and the USB drive is plugged in.</translation>
    </message>
    <message>
        <source>导入前发现其中 {n} 行已在台账中（可能刚被导入过）。请重新预览后再导入；本次未保存任何内容。</source>
        <translation>{n} of the rows are already in the ledger (perhaps just imported). Preview the file again, then import; nothing was saved this time.</translation>
    </message>
    <message>
        <source>“整改时限”不是日期：{value}（应为 2024-08-31、2024/8/31 或 2024年8月31日）。</source>
        <extracomment>Deadlines written as words: no date, the words kept in 备注.</extracomment>
        <translation>“Deadline” is not a date: {value} (write 2024-08-31, 2024/8/31 or 2024年8月31日).</translation>
    </message>
    <message>
        <source>“{field}”应填“是”或“否”，而不是：{value}。</source>
        <extracomment>The columns of the case-file list, in the order a blank list is written.</extracomment>
        <translation>“{field}” must be 是 (yes) or 否 (no), not: {value}.</translation>
    </message>
    <message>
        <source>“案件类型”应为 行政处罚、行政强制、行政检查、行政许可 之一，而不是：{value}。</source>
        <translation>“Case type” must be one of 行政处罚, 行政强制, 行政检查 or 行政许可 (administrative penalty, coercion, inspection or licensing), not: {value}.</translation>
    </message>
    <message>
        <source>“结案时间”不是日期：{value}（应为 2024-05-12、2024/5/12 或 2024年5月12日）。</source>
        <translation>“Closing date” is not a date: {value} (write 2024-05-12, 2024/5/12 or 2024年5月12日).</translation>
    </message>
    <message>
        <source>案卷编号“{case_no}”已登记。</source>
        <translation>Case no. “{case_no}” is already registered.</translation>
    </message>
    <message>
        <source>案卷“{case_no}”已有评查记录，不能删除。</source>
        <translation>Case file “{case_no}” already has review records, so it cannot be deleted.</translation>
    </message>
    <message>
        <source>在“{name}”中没有找到案卷清单的表头。
表头一行应包含：{columns}
（案卷编号、案件类型、案由三列必须有）。可以先导出空白清单，把内容复制进去再导入。</source>
        <translation>No case-file list header was found in “{name}”.
The header row should contain: {columns}
(the columns 案卷编号 (case no.), 案件类型 (case type) and 案由 (cause of action) are required). You can export a blank list, copy your rows into it, then import it.</translation>
    </message>
    <message>
        <source>案卷编号“{case_no}”已登记，跳过。</source>
        <translation>Case no. “{case_no}” is already registered; skipped.</translation>
    </message>
    <message>
        <source>与本文件第 {row} 行的案卷编号相同，跳过。</source>
        <translation>Same case no. as row {row} of this file; skipped.</translation>
    </message>
    <message>
        <source>“存在问题”超过 500 字：已截短，完整内容放入“具体表现”。</source>
        <translation>“Problem” is longer than 500 characters: it was shortened and the full text put into “Details”.</translation>
    </message>
    <message>
        <source>“{value}”不是本专项行动的问题类别，已归入“{category}”。</source>
        <translation>“{value}” is not a category of this campaign; put under “{category}”.</translation>
    </message>
    <message>
        <source>问题类别无法识别：“{value}”。本专项行动的问题类别为：{choices}。</source>
        <translation>Unknown problem category: “{value}”. This campaign&apos;s categories are: {choices}.</translation>
    </message>
    <message>
        <source>缺少“问题方面”。</source>
        <translation>“Category” is missing.</translation>
    </message>
    <message>
        <source>“{name}”不在本单位人员名单中，未关联责任人（可在人员管理中添加后再指定）。</source>
        <translation>“{name}” is not among the unit&apos;s people; no responsible person was set (add the person under People, then assign).</translation>
    </message>
    <message>
        <source>整改时限为“{value}”：不设日期，原文记入备注。</source>
        <translation>Deadline is “{value}”: no date set, the words are kept in Remarks.</translation>
    </message>
    <message>
        <source>缺少“{field}”。</source>
        <translation>“{field}” is missing.</translation>
    </message>
    <message>
        <source>“{name}”不是本专项行动的问题类别。可选：{choices}。</source>
        <translation>“{name}” is not a problem category of this campaign. Choose one of: {choices}.</translation>
    </message>
    <message>
        <source>工作表“{sheet}”的栏目“{name}”不属于该表格式，其内容不导入。</source>
        <translation>Column “{name}” of sheet “{sheet}” is not part of the form; its contents are not imported.</translation>
    </message>
    <message>
        <source>第 {columns} 列是横向合并的单元格：内容只读入第一列。</source>
        <translation>Columns {columns} are merged across: the contents go into the first column only.</translation>
    </message>
    <message>
        <source>台账中已有这个问题（以前导入或登记过），跳过。</source>
        <translation>This problem is already in the ledger (imported or entered before); skipped.</translation>
    </message>
    <message>
        <source>与本文件第 {row} 行相同，跳过。</source>
        <translation>Same as row {row} of this file; skipped.</translation>
    </message>
    <message>
        <source>表中的填报单位“{found}”与本单位“{own}”不同：问题将记入本单位。</source>
        <translation>The form&apos;s reporting unit “{found}” differs from this unit “{own}”: the problems will be recorded for this unit.</translation>
    </message>
    <message>
        <source>问题状态只能通过整改流程变更。</source>
        <translation>A problem&apos;s status cannot be edited directly. Use the steps of the rectification workflow to change it.</translation>
    </message>
    <message>
        <source>不能把问题从“{old}”直接改为“{new}”。</source>
        <translation>A problem cannot go directly from “{old}” to “{new}”. Follow the steps of the rectification workflow.</translation>
    </message>
    <message>
        <source>验收须由责任人以外的负责人或法制审核人员进行：您是这个问题的整改责任人。</source>
        <translation>You are the person responsible for rectifying this problem, and verification must be done by a Chief or Legal reviewer other than the responsible person. Ask another Chief or Legal reviewer to do it.</translation>
    </message>
    <message>
        <source>请至少选择要批量修改的责任人或整改时限。</source>
        <translation>Choose a new responsible person, a new deadline, or both for the selected problems.</translation>
    </message>
    <message>
        <source>无法保存文件：{path}
原因：{reason}
请换一个文件夹，或检查 U 盘是否写保护。</source>
        <translation>Cannot save the file: {path}
Reason: {reason}
Choose another folder, or check whether the USB drive is write-protected.</translation>
    </message>
    <message>
        <source>这份评查由其他评查人员填写，只能由本人修改。</source>
        <translation>This review was filled in by another reviewer; only that reviewer can change it.</translation>
    </message>
    <message>
        <source>这份评查已经提交，不能再修改；如有异议，请按规定复核。</source>
        <translation>This review has already been submitted and can no longer be changed. If you disagree with it, request a second review as the rules provide.</translation>
    </message>
    <message>
        <source>案卷“{case_no}”目前不需要复核（{state}）。</source>
        <translation>Case file “{case_no}” does not need a second review at the moment ({state}).</translation>
    </message>
    <message>
        <source>复核须由初评以外的评查人员进行：您已评查过这个案卷。</source>
        <translation>You have already reviewed this case file, and the second review must be done by a reviewer other than the first reviewer. Ask another reviewer to do it.</translation>
    </message>
    <message>
        <source>您已评查过这个案卷；尚未提交的评查可以继续填写。</source>
        <translation>You have already reviewed this case file. A review that has not been submitted yet can be continued.</translation>
    </message>
    <message>
        <source>案卷“{case_no}”已有复核，不能再开始新的评查。</source>
        <translation>Case file “{case_no}” already has a second review, so no new review can be started.</translation>
    </message>
    <message>
        <source>请选择评查标准。</source>
        <translation>Choose a review standard.</translation>
    </message>
    <message>
        <source>这个案卷已按《{name}》{version} 评查，后续评查和复核须用同一版本。</source>
        <translation>This case file was reviewed against “{name}” {version}; further reviews and the second review must use the same version.</translation>
    </message>
    <message>
        <source>评查标准《{name}》{version} 已停用，请选择在用的版本。</source>
        <translation>The review standard “{name}” {version} has been disabled. Choose a version that is in use.</translation>
    </message>
    <message>
        <source>“{field}”应为 0 或正整数（否决项为 0 或 1）：{value}。</source>
        <translation>“{field}” must be 0 or a positive whole number (0 or 1 for a veto item): {value}.</translation>
    </message>
    <message>
        <source>这份评查没有可登记为问题的扣分或否决项。</source>
        <translation>This review has no deductions or veto items that could be registered as problems.</translation>
    </message>
    <message>
        <source>“{name}”不是本专项行动的问题类别，请选择问题类别。可选：{choices}。</source>
        <translation>“{name}” is not a problem category of this campaign. Choose a problem category: {choices}.</translation>
    </message>
    <message>
        <source>自查清单的分组“{name}”对应不到本专项行动的问题类别（{choices}）。请改用与本专项行动相符的自查清单，或在专项行动中补上这个类别。</source>
        <translation>The self-check list group “{name}” does not match any problem category of this campaign ({choices}). Use a self-check list that fits this campaign, or add this category to the campaign.</translation>
    </message>
    <message>
        <source>自查清单《{name}》{version} 已停用，请选择在用的版本。</source>
        <translation>The self-check list “{name}” {version} has been disabled. Choose a version that is in use.</translation>
    </message>
    <message>
        <source>本单位在这个专项行动中已有一份未完成的自查“{title}”，请继续填写它。</source>
        <translation>Your unit already has an unfinished self-check “{title}” in this campaign. Continue filling in that one.</translation>
    </message>
    <message>
        <source>只有“不符合”的条目可以关联问题，且问题须属于同一专项行动和单位。</source>
        <translation>Only items answered “Does not conform” can be linked to problems, and the problems must belong to the same campaign and unit.</translation>
    </message>
    <message>
        <source>还有 {count} 项未填写，第一项是 {code}“{text}”。</source>
        <translation>Not all items are filled in yet ({count} left); the first one is {code} “{text}”.</translation>
    </message>
    <message>
        <source>工作表“{sheet}”第 {row} 行 {column} 列（{field}）</source>
        <translation>Sheet “{sheet}”, row {row}, column {column} ({field})</translation>
    </message>
    <message>
        <source>工作表“{sheet}”第 {row} 行（{field}）</source>
        <translation>Sheet “{sheet}”, row {row} ({field})</translation>
    </message>
    <message>
        <source>工作表“{sheet}”第 {row} 行</source>
        <translation>Sheet “{sheet}”, row {row}</translation>
    </message>
    <message>
        <source>工作表“{sheet}”（{field}）</source>
        <translation>Sheet “{sheet}” ({field})</translation>
    </message>
    <message>
        <source>工作表“{sheet}”</source>
        <translation>Sheet “{sheet}”</translation>
    </message>
    <message>
        <source>第 {section} 组第 {item} 条（{field}）</source>
        <translation>Group {section}, item {item} ({field})</translation>
    </message>
    <message>
        <source>第 {section} 组（{field}）</source>
        <translation>Group {section} ({field})</translation>
    </message>
    <message>
        <source>模板信息（{field}）</source>
        <translation>Template details ({field})</translation>
    </message>
    <message>
        <source>模板有 {count} 处错误，未能导入：
{details}</source>
        <translation>The template was not imported because it has errors ({count}):
{details}</translation>
    </message>
    <message>
        <source>不能为空。</source>
        <translation>cannot be empty.</translation>
    </message>
    <message>
        <source>太长（最多 {limit} 个字）。</source>
        <translation>too long (at most {limit} characters).</translation>
    </message>
    <message>
        <source>不是数字：{value}。</source>
        <translation>not a number: {value}.</translation>
    </message>
    <message>
        <source>最多两位小数：{value}。</source>
        <translation>at most two decimal places: {value}.</translation>
    </message>
    <message>
        <source>应大于 0：{value}。</source>
        <translation>must be greater than 0: {value}.</translation>
    </message>
    <message>
        <source>应填“是”或“否”，而不是：{value}。</source>
        <translation>must be 是 (yes) or 否 (no), not: {value}.</translation>
    </message>
    <message>
        <source>不是有效日期：{value}（应为 2024-06-30 或 2024年6月30日）。</source>
        <translation>not a valid date: {value} (write 2024-06-30 or 2024年6月30日).</translation>
    </message>
    <message>
        <source>应为“自查清单”或“案卷评查标准”，而不是：{value}。</source>
        <translation>must be 自查清单 (self-check list) or 案卷评查标准 (case-file review standard), not: {value}.</translation>
    </message>
    <message>
        <source>分组“{name}”重复（第一次出现在{first}）。</source>
        <translation>the group “{name}” is listed more than once (first at {first}).</translation>
    </message>
    <message>
        <source>分组“{name}”没有条目。</source>
        <translation>the group “{name}” has no items.</translation>
    </message>
    <message>
        <source>模板没有任何分组和条目。</source>
        <translation>the template has no groups or items.</translation>
    </message>
    <message>
        <source>编号“{code}”重复（第一次出现在{first}）。</source>
        <translation>the code “{code}” is used more than once (first at {first}).</translation>
    </message>
    <message>
        <source>自查清单的条目不设分值、扣分和否决项：请清空这一格。</source>
        <translation>items of a self-check list have no points, deductions or veto items: clear this cell.</translation>
    </message>
    <message>
        <source>否决项不计分值：请清空这一格（否决项一经认定，案卷即为不合格、得 0 分）。</source>
        <translation>a veto item has no points: clear this cell (once a veto item is found, the case file fails with 0 points).</translation>
    </message>
    <message>
        <source>每处扣分 {step} 超过该条目分值 {points}。</source>
        <translation>the deduction per occurrence {step} is more than the item&apos;s points {points}.</translation>
    </message>
    <message>
        <source>自查清单的分组不设分值：请清空这一格。</source>
        <translation>groups of a self-check list have no points: clear this cell.</translation>
    </message>
    <message>
        <source>分组“{name}”只有否决项，不设分值：请清空这一格。</source>
        <translation>the group “{name}” has only veto items and no points: clear this cell.</translation>
    </message>
    <message>
        <source>分组“{name}”的分值 {points} 小于其中条目“{code}”的分值 {item}。</source>
        <translation>the points of the group “{name}” ({points}) are less than the points of its item “{code}” ({item}).</translation>
    </message>
    <message>
        <source>分组“{name}”各条目分值合计 {total}，少于分组分值 {points}：多出的分数永远扣不到。</source>
        <translation>the items of the group “{name}” add up to {total} points, less than the group&apos;s {points} points: the extra points can never be deducted.</translation>
    </message>
    <message>
        <source>评查标准至少要有一个计分条目。</source>
        <translation>a review standard needs at least one item with points.</translation>
    </message>
    <message>
        <source>分数线顺序不对：应为 0 &lt; 合格分数线（{passing}）&lt; 优秀分数线（{excellent}）≤ 满分（{top}）。</source>
        <translation>the marks are in the wrong order: it must be 0 &lt; pass mark ({passing}) &lt; excellence mark ({excellent}) ≤ full marks ({top}).</translation>
    </message>
    <message>
        <source>这不是执法台账的模板文件（缺少 &quot;format&quot;: &quot;{format}&quot;）。</source>
        <translation>this is not a FieldLedger template file (&quot;format&quot;: &quot;{format}&quot; is missing).</translation>
    </message>
    <message>
        <source>“{name}”不是模板文件：只能导入 Excel 工作簿（.xlsx）或 JSON（.json）格式的模板。</source>
        <translation>“{name}” is not a template file: only templates in Excel workbook (.xlsx) or JSON (.json) format can be imported.</translation>
    </message>
    <message>
        <source>不是有效的 JSON：第 {line} 行第 {column} 列附近有错。</source>
        <translation>not valid JSON: there is an error near line {line}, column {column}.</translation>
    </message>
    <message>
        <source>表头缺少栏目：{missing}。</source>
        <translation>the header lacks these columns: {missing}.</translation>
    </message>
    <message>
        <source>工作簿中没有这个工作表（模板须有“模板信息”“分组”“条目”三个工作表）。</source>
        <translation>the workbook has no such sheet (a template needs the three sheets “模板信息” (template details), “分组” (groups) and “条目” (items)).</translation>
    </message>
    <message>
        <source>分组“{name}”不在“分组”工作表中：请先在“分组”表添加这一行。</source>
        <translation>the group “{name}” is not in the “分组” (groups) sheet: add a row for it to that sheet first.</translation>
    </message>
    <message>
        <source>模板《{name}》{version} 已有 {count} 份自查或评查记录使用，不能删除，只能停用。</source>
        <extracomment>The built-in templates: next to the program&apos;s modules, or inside the bundle (``sys._MEIPASS``) in the program built with PyInstaller. key -&gt; Chinese label, for the template&apos;s own fields, its sections and its items.</extracomment>
        <translation>{count} self-check or review record(s) use the template “{name}” {version}, so it cannot be deleted; it can only be disabled.</translation>
    </message>
    <message>
        <source>第 {code} 项“{text}”还没有填写扣分说明，不能提交。</source>
        <translation>Item {code} &quot;{text}&quot; has no deduction note yet and cannot be submitted.</translation>
    </message>
    <message>
        <source>请先在评查条目中选择已扣分或已认定的否决项（按住 Ctrl 或 Shift 可多选）。</source>
        <translation>First select deducted items or veto items that apply in the review items (hold Ctrl or Shift to select several).</translation>
    </message>
    <message>
        <source>第 {code} 项“{text}”还没有填写扣分说明。</source>
        <translation>Item {code} &quot;{text}&quot; has no deduction note yet.</translation>
    </message>
    <message>
        <source>印证资料“{name}”是{who}添加的，只有添加者本人或负责人可以删除。</source>
        <translation>The evidence file “{name}” was added by {who}; only the person who added it or a chief can remove it.</translation>
    </message>
    <message>
        <source>签名密钥的口令（即您的登录密码）不正确，未签署任何内容。</source>
        <translation>The signing key&apos;s passphrase (your login password) is wrong. Nothing was signed.</translation>
    </message>
    <message>
        <source>签名密钥口令错误次数过多，请 {seconds} 秒后再试。未签署任何内容。</source>
        <translation>Too many wrong passphrases for the signing key; try again in {seconds} seconds. Nothing was signed.</translation>
    </message>
    <message>
        <source>签名密钥口令连续错误 {failures} 次，已临时锁定，{minutes} 分钟后可再试。未签署任何内容。</source>
        <translation>The signing key&apos;s passphrase was wrong {failures} times in a row; the key is locked for {minutes} minutes. Nothing was signed.</translation>
    </message>
    <message>
        <source>找不到签名密钥 {key}，或您不持有该密钥。</source>
        <translation>Signing key {key} was not found, or you do not hold it.</translation>
    </message>
    <message>
        <source>本单位尚无有效的单位签章密钥，或您不持有该密钥。</source>
        <translation>The unit has no valid seal key yet, or you do not hold it.</translation>
    </message>
    <message>
        <source>签名密钥 {fingerprint} 已{state}，不能再用于签名。</source>
        <translation>Signing key {fingerprint} is {state} and can no longer sign.</translation>
    </message>
    <message>
        <source>该账号未关联人员，不能生成个人签名密钥。请管理员先为账号关联人员。</source>
        <translation>This account is not linked to a person, so it cannot have a personal signing key. Ask an administrator to link the account to a person first.</translation>
    </message>
    <message>
        <source>您已有有效的签名密钥；如需换用新密钥，请使用“更换密钥”。</source>
        <translation>You already have a valid signing key; to use a new one, choose “Rotate key”.</translation>
    </message>
    <message>
        <source>本单位已有有效的单位签章密钥；如需换用新密钥，请使用“更换密钥”。</source>
        <translation>The unit already has a valid seal key; to use a new one, choose “Rotate key”.</translation>
    </message>
    <message>
        <source>单位签章密钥只能交给负责人，账号“{name}”不是负责人。</source>
        <translation>The unit seal key can only be given to a chief; account “{name}” is not a chief.</translation>
    </message>
    <message>
        <source>账号“{name}”已持有单位签章密钥。</source>
        <translation>Account “{name}” already holds the unit seal key.</translation>
    </message>
    <message>
        <source>签名文件格式不对，无法校验：{reason}
请确认选择的是与文件配套的 .minisig 签名文件。</source>
        <extracomment>Signature algorithm tags: prehashed (BLAKE2b-512 of the file) and legacy (the file itself). Tag of an Ed25519 key (public and secret key files). minisign reads each comment line into a fixed buffer (1024 and 8192 bytes, prefix and line end included); longer comments would be cut and the file would no longer verify. Makes an Ed25519 signature of its argument (what ``models.keys.unlock`` yields).</extracomment>
        <translation>The signature file is malformed and cannot be checked: {reason}
Make sure you chose the .minisig file that belongs to the file.</translation>
    </message>
    <message>
        <source>签名不是用这个公钥做的（签名的密钥编号 {signed_by}，公钥的编号 {expected}）。
请使用签发单位的公钥校验。</source>
        <translation>The signature was not made with this public key (signature key id {signed_by}, public key id {expected}).
Check it with the issuing unit&apos;s public key.</translation>
    </message>
    <message>
        <source>签名与文件不符：文件在签名后被改动过，或签名不属于这个文件。请勿采信该文件。</source>
        <translation>The signature does not match the file: the file was changed after signing, or the signature belongs to another file. Do not trust this file.</translation>
    </message>
    <message>
        <source>签名中的可信说明被改动过，签名无效。请勿采信该文件。</source>
        <translation>The signature&apos;s trusted comment was altered, so the signature is invalid. Do not trust this file.</translation>
    </message>
    <message>
        <source>请选择要签字确认的问题。</source>
        <translation>Choose the problems to sign.</translation>
    </message>
    <message>
        <source>该账号未关联人员，不能签字确认。请管理员先为账号关联人员。</source>
        <translation>This account is not linked to a person, so it cannot sign. Ask an administrator to link the account to a person first.</translation>
    </message>
    <message>
        <source>所选问题都已有有效的签字，无需重复签字。</source>
        <translation>Every selected problem already has a valid sign-off; there is nothing to sign again.</translation>
    </message>
    <message>
        <source>问题 {id}（序号 {seq}）的责任人不是您，只能签字确认本人负责的问题。未签署任何内容。</source>
        <translation>You are not the responsible person of problem {id} (no. {seq}); you can only sign the problems you are responsible for. Nothing was signed.</translation>
    </message>
    <message>
        <source>您还没有有效的签名密钥，请先生成个人签名密钥。未签署任何内容。</source>
        <translation>You have no valid signing key yet; create your personal signing key first. Nothing was signed.</translation>
    </message>
    <message>
        <source>问题 {id} 在您核对之后又有改动，未签署任何内容。请重新打开签字窗口，核对后再签。</source>
        <translation>Problem {id} has changed since you checked it; nothing was signed. Open the signing window again, check the content, then sign.</translation>
    </message>
    <message>
        <source>无法读取密钥登记文件：它不是 UTF-8 编码的 JSON 文本。请确认选择的是单位导出的登记文件（.json），且文件未损坏。</source>
        <extracomment>An enrollment file larger than this is refused unread (a real one is a few kilobytes). The longest a name may be inside a minisign comment (bytes); longer ones are shortened.</extracomment>
        <translation>Cannot read the key enrollment file: it is not UTF-8 encoded JSON text. Make sure you chose an enrollment file (.json) exported by a unit, and that the file is not damaged.</translation>
    </message>
    <message>
        <source>文件太大（超过 {limit} 字节），不是密钥登记文件。请确认选择的是单位导出的登记文件。</source>
        <translation>The file is too large (over {limit} bytes) to be a key enrollment file. Make sure you chose an enrollment file exported by a unit.</translation>
    </message>
    <message>
        <source>这不是执法台账的密钥登记文件（格式标识应为 {expected}，文件中为“{found}”）。</source>
        <translation>This is not a FieldLedger key enrollment file (the format should be {expected}; the file says &quot;{found}&quot;).</translation>
    </message>
    <message>
        <source>密钥登记文件中“{field}”一项缺失或有误，无法采信。请向导出单位重新索取登记文件。</source>
        <translation>The item &quot;{field}&quot; in the key enrollment file is missing or wrong, so the file cannot be trusted. Ask the exporting unit for a new enrollment file.</translation>
    </message>
    <message>
        <source>密钥登记文件中密钥 {key} 的编号或指纹与其公钥不符：文件已被改动，请勿采信。</source>
        <translation>In the key enrollment file, the ID or fingerprint of key {key} does not match its public key: the file has been changed. Do not trust it.</translation>
    </message>
    <message>
        <source>密钥登记文件的自签名无效：文件在导出后被改动过，或不是由该密钥的持有人导出。请勿采信，并向导出单位核实。</source>
        <translation>The self-signature of the key enrollment file is invalid: the file was changed after it was exported, or it was not exported by the key&apos;s holder. Do not trust it, and check with the exporting unit.</translation>
    </message>
    <message>
        <source>密钥登记文件中密钥 {key} 的更换或吊销记录不完整或签名无效，无法确认新旧密钥的关系。请勿采信，并向导出单位核实。</source>
        <translation>In the key enrollment file, the rotation or revocation records of key {key} are incomplete or their signatures are invalid, so the relation between the old and new keys cannot be confirmed. Do not trust it, and check with the exporting unit.</translation>
    </message>
    <message>
        <source>该账号未关联人员，没有个人签名密钥。请管理员先为账号关联人员。</source>
        <translation>This account is not linked to a person, so it has no personal signing key. Ask an administrator to link the account to a person first.</translation>
    </message>
    <message>
        <source>您还没有有效的签名密钥，请先在“设置 → 签名密钥”中生成。未签署任何内容。</source>
        <translation>You have no valid signing key yet; create one first under &quot;Settings → Signing keys&quot;. Nothing was signed.</translation>
    </message>
    <message>
        <source>“{path}”不是文件（可能是文件夹），不能签署。请选择具体的文件。</source>
        <translation>&quot;{path}&quot; is not a file (it may be a folder) and cannot be signed. Choose an individual file.</translation>
    </message>
    <message>
        <source>无法读取要签署的文件“{path}”：{reason}
请检查文件是否存在、U 盘是否插好，以及是否有权限读取该文件。未签署任何内容。</source>
        <translation>Cannot read the file to sign &quot;{path}&quot;: {reason}
Check that the file exists, that the USB stick is plugged in properly, and that you have permission to read the file. Nothing was signed.</translation>
    </message>
    <message>
        <source>无法写入文件“{path}”：{reason}
请检查该文件夹是否可写（U 盘写保护开关、只读光盘、文件夹权限），或换一个文件夹。没有写入任何内容。</source>
        <translation>Cannot write the file &quot;{path}&quot;: {reason}
Check that the folder is writable (the write-protect switch on the USB stick, a read-only disc, folder permissions), or choose another folder. Nothing was written.</translation>
    </message>
    <message>
        <source>该账号未关联人员，不能签署。请管理员先为账号关联人员。</source>
        <translation>This account is not linked to a person, so it cannot sign. Ask an administrator to link the account to a person first.</translation>
    </message>
    <message>
        <source>该专项行动的台账还没有问题，无需签署。</source>
        <translation>This campaign&apos;s ledger has no problems yet, so there is nothing to sign.</translation>
    </message>
    <message>
        <source>台账在您核对之后又有改动，未签署任何内容。请重新打开签署窗口，核对后再签。</source>
        <translation>The ledger has changed since you checked it; nothing was signed. Open the signing window again, check the content, then sign.</translation>
    </message>
    <message>
        <source>第 {rev} 版台账您已签署过“{meaning}”，无需重复签署。</source>
        <translation>You have already signed revision {rev} of the ledger as &quot;{meaning}&quot;; there is no need to sign it again.</translation>
    </message>
    <message>
        <source>“{value}”的写法不对，应为“材料名称=文件”，如“工作简报=简报第3期.pdf”。</source>
        <extracomment>The material codes of models.package_contents.MATERIALS (kept here: the parser is built without importing the package modules).</extracomment>
        <translation>“{value}” is not written correctly: it should be “material name=file”, e.g. “Work briefing=Briefing no. 3.pdf”.</translation>
    </message>
    <message>
        <source>还没有自查记录可以导出。</source>
        <extracomment>The forms ``export`` writes (models.form_data.FORMS without the two statistics tables, which the office writes with ``office stats``). Sub-commands that need Qt: ``main.py`` runs them from ``ui`` (this module never imports Qt).</extracomment>
        <translation>There is no self-check to export yet.</translation>
    </message>
    <message>
        <source>请用 --review 指定要导出的评查记录编号。</source>
        <translation>Give the number of the review to export with --review.</translation>
    </message>
    <message>
        <source>报送期间应写成 YYYY-MM-DD/YYYY-MM-DD，例如 2024-06-01/2024-06-30。</source>
        <translation>Write the submission period as YYYY-MM-DD/YYYY-MM-DD, for example 2024-06-01/2024-06-30.</translation>
    </message>
    <message>
        <source>使用本机解密密钥（--stored-key）时须用 --username 指明持有它的负责人账号。</source>
        <translation>When using the decryption key on this computer (--stored-key), name the chief account that holds it with --username.</translation>
    </message>
    <message>
        <source>请同时给出 --from 和 --to（统计期间的开始和结束日期）。</source>
        <translation>Give both --from and --to (the start and end dates of the period).</translation>
    </message>
    <message>
        <source>无法读取文件“{path}”：{reason}</source>
        <extracomment>The ``format`` of an instructions file. Largest instructions file read. Most campaigns, templates or letters one file may hold (each). Most problems one letter may list, and their longest text. Optional fields of a material: its rule (models.campaigns.rule_values); absent in older files.</extracomment>
        <translation>Cannot read the file &quot;{path}&quot;: {reason}</translation>
    </message>
    <message>
        <source>报送包已加密：请输入登录密码以解开本机的解密密钥，或选择解密密钥文件。</source>
        <translation>The submission package is encrypted: type your login password to unlock the decryption key on this computer, or choose a decryption key file.</translation>
    </message>
    <message>
        <source>“{path}”不是 minisign 公钥文件（.pub）。</source>
        <translation>&quot;{path}&quot; is not a minisign public key file (.pub).</translation>
    </message>
    <message>
        <source>这个登记文件登记的是个人签名密钥，报送包须用单位签章密钥校验。</source>
        <translation>This enrollment file is for a personal signing key; submission packages must be verified with a unit seal key.</translation>
    </message>
    <message>
        <source>报送包自称来自单位 {claimed}，登记文件却是单位 {unit} 的密钥。</source>
        <translation>The submission package claims to come from unit {claimed}, but the enrollment file holds the key of unit {unit}.</translation>
    </message>
    <message>
        <source>找不到可以嵌入 PDF 的中文字体，没有生成 PDF（否则文字会显示成方框）。
请安装文泉驿微米黑字体：Debian/Ubuntu 执行 sudo apt install fonts-wqy-microhei；或把一个 TrueType 中文字体（.ttf 或 .ttc，例如 Windows 的 simsun.ttc）复制到 {folder}，或用环境变量 FIELDLEDGER_PDF_FONT 指定字体文件。Excel 导出不受影响。</source>
        <extracomment>The environment variable that names the font to embed: ``path`` or ``path,index``. Fonts shipped with the program (searched before the system&apos;s). Installed fonts tried in this order: (path, subfont index). Paths that do not exist are skipped. Characters the font must have to count as a Chinese font (the forms&apos; own words).</extracomment>
        <translation>No Chinese font that can be embedded in a PDF was found, so no PDF was made (the text would show as boxes).
Install the WenQuanYi Micro Hei font: on Debian/Ubuntu run sudo apt install fonts-wqy-microhei; or copy a TrueType Chinese font (.ttf or .ttc, such as Windows&apos; simsun.ttc) to {folder}, or name a font file in the environment variable FIELDLEDGER_PDF_FONT. Excel exports are not affected.</translation>
    </message>
    <message>
        <source>环境变量 FIELDLEDGER_PDF_FONT 指定的字体不能用于 PDF：{path}
文件不存在或无法读取。请改为 TrueType 轮廓的中文字体（.ttf 或 .ttc，例如 wqy-microhei.ttc），或删除该环境变量。</source>
        <translation>The font named by the environment variable FIELDLEDGER_PDF_FONT cannot be used for PDF: {path}
The file does not exist or cannot be read. Name a Chinese font with TrueType outlines instead (.ttf or .ttc, such as wqy-microhei.ttc), or remove the variable.</translation>
    </message>
    <message>
        <source>环境变量 FIELDLEDGER_PDF_FONT 指定的字体不能用于 PDF：{path}
这是 CFF 轮廓的 OpenType 字体（如思源黑体、Noto CJK），PDF 只能嵌入 TrueType 轮廓的字体。请改为 TrueType 轮廓的中文字体（.ttf 或 .ttc，例如 wqy-microhei.ttc），或删除该环境变量。</source>
        <translation>The font named by the environment variable FIELDLEDGER_PDF_FONT cannot be used for PDF: {path}
It is an OpenType font with CFF outlines (such as Source Han Sans or Noto CJK); a PDF can embed only fonts with TrueType outlines. Name a Chinese font with TrueType outlines instead (.ttf or .ttc, such as wqy-microhei.ttc), or remove the variable.</translation>
    </message>
    <message>
        <source>环境变量 FIELDLEDGER_PDF_FONT 指定的字体不能用于 PDF：{path}
它不是 TrueType 字体文件，或字体集合中没有所指定序号的字体。请改为 TrueType 轮廓的中文字体（.ttf 或 .ttc，例如 wqy-microhei.ttc），或删除该环境变量。</source>
        <translation>The font named by the environment variable FIELDLEDGER_PDF_FONT cannot be used for PDF: {path}
It is not a TrueType font file, or the font collection has no font with the given number. Name a Chinese font with TrueType outlines instead (.ttf or .ttc, such as wqy-microhei.ttc), or remove the variable.</translation>
    </message>
    <message>
        <source>环境变量 FIELDLEDGER_PDF_FONT 指定的字体不能用于 PDF：{path}
这个字体中没有汉字。请改为 TrueType 轮廓的中文字体（.ttf 或 .ttc，例如 wqy-microhei.ttc），或删除该环境变量。</source>
        <translation>The font named by the environment variable FIELDLEDGER_PDF_FONT cannot be used for PDF: {path}
This font has no Chinese characters. Name a Chinese font with TrueType outlines instead (.ttf or .ttc, such as wqy-microhei.ttc), or remove the variable.</translation>
    </message>
    <message>
        <source>环境变量 FIELDLEDGER_PDF_FONT 的值不正确：{path}
应为“字体文件路径”或“字体文件路径,序号”，序号是数字（.ttc 字体集合中的第几个字体，从 0 起）。</source>
        <translation>The value of the environment variable FIELDLEDGER_PDF_FONT is not right: {path}
It should be &quot;font file path&quot; or &quot;font file path,number&quot;, the number being which font of a .ttc collection, counting from 0.</translation>
    </message>
    <message>
        <source>没有这种台账表格：{code}。</source>
        <extracomment>The forms :func:`ledger_form` builds from the problems a ledger filter shows. Problems read per query while a ledger form&apos;s rows are written. Width of the 回头看 ledger&apos;s 责任人签字 column: &quot;李海龙 2024-06-30 09:15&quot; on one line, the key fingerprint on the next. Seed 000 (青交执法监法〔2023〕30号), 附件1-3: titles as the notice names them. The options of an export that asks nothing (date line: today, no names). At most this many 责任人签字 are listed one by one in a form&apos;s signature block; beyond it the block gives their number (each row&apos;s own cell still shows its signature).</extracomment>
        <translation>There is no ledger form called {code}.</translation>
    </message>
    <message>
        <source>“回头看”清查评估台账是一个专项行动的台账：请先选定专项行动，再导出。</source>
        <translation>The look-back evaluation ledger belongs to one campaign: choose the campaign first, then export.</translation>
    </message>
    <message>
        <source>报送包自称来自单位代码“{code}”，但本机没有登记这个单位。请先导入该单位的单位签章密钥登记文件。</source>
        <translation>The submission package claims to come from the unit code &quot;{code}&quot;, but no such unit is enrolled on this computer. First import the unit seal key enrollment file of that unit.</translation>
    </message>
    <message>
        <source>报送包自称来自“{unit}”，但签名密钥 {key} 不是该单位登记的单位签章密钥。报送包不可信。</source>
        <translation>The submission package claims to come from &quot;{unit}&quot;, but the signing key {key} is not the unit seal key enrolled for that unit. The submission package cannot be trusted.</translation>
    </message>
    <message>
        <source>报送包由“{unit}”已更换的旧签章密钥 {fingerprint} 签名。请导入该单位最新的密钥登记文件，并请该单位用当前签章密钥重新生成报送包。</source>
        <translation>The submission package was signed with {fingerprint}, an old seal key of &quot;{unit}&quot; that has been rotated. Import the latest key enrollment file of that unit, and ask the unit to create the submission package again with its current seal key.</translation>
    </message>
    <message>
        <source>报送包由“{unit}”已吊销的签章密钥 {fingerprint} 签名，不能采信。</source>
        <translation>The submission package was signed with {fingerprint}, a revoked seal key of &quot;{unit}&quot;, and cannot be trusted.</translation>
    </message>
    <message>
        <source>无法读取报送包“{path}”：{reason}</source>
        <translation>Cannot read the submission package &quot;{path}&quot;: {reason}</translation>
    </message>
    <message>
        <source>报送包信息中“{label}”的值“{value}”无效。</source>
        <translation>The value &quot;{value}&quot; of &quot;{label}&quot; in the package information is invalid.</translation>
    </message>
    <message>
        <source>报送包的记录文件 {path} 第 {line} 行无法读取。</source>
        <translation>Line {line} of the record file {path} in the submission package cannot be read.</translation>
    </message>
    <message>
        <source>报送包含有本程序不认识的记录文件 {path}。</source>
        <translation>The submission package contains a record file that this program does not know: {path}.</translation>
    </message>
    <message>
        <source>印证资料文件 {path} 的内容与其文件名中的哈希不符。</source>
        <translation>The content of the evidence file {path} does not match the hash in its file name.</translation>
    </message>
    <message>
        <source>报送包中的审计记录在序号 {seq} 处断开或被改动。</source>
        <translation>The audit records in the submission package are broken or altered at sequence number {seq}.</translation>
    </message>
    <message>
        <source>报送包中的审计记录止于序号 {found}，与报送包信息所称的审计链末条 {stated} 不符。</source>
        <translation>The audit records in the submission package end at sequence number {found}, which does not match the last audit chain entry {stated} stated in the package information.</translation>
    </message>
    <message>
        <source>这个报送包已经导入过（{unit} 第 {seq} 号），无需再次导入。</source>
        <translation>This submission package has already been imported ({unit}, no. {seq}); there is no need to import it again.</translation>
    </message>
    <message>
        <source>密钥登记文件中没有单位代码，无法登记。请该单位在“设置 → 本单位”中填写单位代码后重新导出。</source>
        <extracomment>Key states in the order they may move.</extracomment>
        <translation>The key enrollment file has no unit code, so it cannot be enrolled. Ask the unit to fill in its unit code under &quot;Settings → Own unit&quot;, then export the file again.</translation>
    </message>
    <message>
        <source>密钥 {fingerprint} 已登记在单位“{other}”名下，不能再登记给“{unit}”。请勿采信，并向两个单位核实。</source>
        <translation>Key {fingerprint} is already enrolled under the unit &quot;{other}&quot; and cannot also be enrolled for &quot;{unit}&quot;. Do not trust it, and check with both units.</translation>
    </message>
    <message>
        <source>“{unit}”已登记的单位签章密钥是 {current}，登记文件中的签章密钥 {fingerprint} 与它没有更换关系（不是由原密钥签署更换的），不能自动采信。请当面向该单位核对新密钥的指纹，确认后再选择“替换签章密钥”登记。</source>
        <translation>The unit seal key enrolled for &quot;{unit}&quot; is {current}; the seal key {fingerprint} in the enrollment file is not a rotation of it (the rotation was not signed by the original key), so it cannot be trusted automatically. Check the fingerprint of the new key with the unit in person, then enroll it with &quot;Replace seal key&quot;.</translation>
    </message>
    <message>
        <source>这是个人签名密钥的登记文件。登记下级单位请使用该单位负责人导出的单位签章密钥登记文件。</source>
        <translation>This is the enrollment file of a personal signing key. To enroll a subordinate unit, use the unit seal key enrollment file exported by a chief of that unit.</translation>
    </message>
    <message>
        <source>没有这种报送材料：{code}。</source>
        <extracomment>The ledger forms a package carries (models.form_data.LEDGER_FORMS; the 线索征询表 comes with the ``leads`` material, from the 投诉举报线索: PACKAGE_FORM_BUILDERS).</extracomment>
        <translation>There is no submission material called {code}.</translation>
    </message>
    <message>
        <source>请至少选择一种报送材料。</source>
        <translation>Choose at least one kind of material to submit.</translation>
    </message>
    <message>
        <source>“{name}”不是所选专项行动要求报送的材料。请在专项行动中添加该材料，或去掉这些文件。</source>
        <translation>“{name}” is not a material that the chosen campaign requires. Add the material to the campaign, or remove these files.</translation>
    </message>
    <message>
        <source>要附上专项行动要求的材料，请先选择专项行动。</source>
        <translation>To attach the materials a campaign requires, choose the campaign first.</translation>
    </message>
    <message>
        <source>找不到要附上的文件“{path}”，或它不是普通文件。请重新选择。</source>
        <translation>The file to attach “{path}” was not found, or it is not an ordinary file. Choose it again.</translation>
    </message>
    <message>
        <source>印证资料“{name}”的文件不见了：{path}
报送包必须完整，未生成报送包。请在数据文件夹中找回该文件（或从备份恢复）后再试。</source>
        <translation>The file of the evidence &quot;{name}&quot; is missing: {path}
A submission package must be complete, so none was created. Find the file in the data folder again (or restore it from a backup), then try again.</translation>
    </message>
    <message>
        <source>报送包信息“{label}”不能使用：{reason}</source>
        <extracomment>Fields write_package adds to bag-info.txt itself (the caller must not give them).</extracomment>
        <translation>The package information &quot;{label}&quot; cannot be used: {reason}</translation>
    </message>
    <message>
        <source>上级单位的加密公钥“{recipient}”格式不对（应以 age1 开头）。请重新导入上级单位发布的公钥。</source>
        <translation>The encryption public key &quot;{recipient}&quot; of the upper office is malformed (it should start with age1). Import the public key published by the upper office again.</translation>
    </message>
    <message>
        <source>报送包中的文件名“{path}”不能使用：{reason}</source>
        <translation>The file name &quot;{path}&quot; cannot be used in a submission package: {reason}</translation>
    </message>
    <message>
        <source>文件“{path}”在写出报送包的过程中被改动或删除了，请重新写出。</source>
        <translation>The file &quot;{path}&quot; was changed or deleted while the submission package was being written. Write the package again.</translation>
    </message>
    <message>
        <source>第 {line} 行不是有效的 age 加密公钥：{text}
上级机关公布的公钥以“age1”开头，请整行复制，不要加空格或其他文字。</source>
        <extracomment>Settings key of the office&apos;s age recipients (one ``age1…`` per line). File name extension of a package. What an export includes unless told otherwise: everything. Bytes per read while copying and hashing.</extracomment>
        <translation>Line {line} is not a valid age encryption public key: {text}
The public key published by the upper office starts with &quot;age1&quot;. Copy the whole line, without adding spaces or other text.</translation>
    </message>
    <message>
        <source>报送期间的开始日期 {start} 晚于结束日期 {end}。</source>
        <translation>The start date {start} of the submission period is later than its end date {end}.</translation>
    </message>
    <message>
        <source>找不到文件夹“{path}”。请检查 U 盘是否已插好，或选择另一个文件夹。</source>
        <translation>The folder &quot;{path}&quot; was not found. Check that the USB stick is plugged in properly, or choose another folder.</translation>
    </message>
    <message>
        <source>找不到编号为 {key} 的报送包记录。</source>
        <translation>No submission package record with ID {key} was found.</translation>
    </message>
    <message>
        <source>保存在本机的第 {seq} 号报送包已不完整或被改动：{path}
无法再次写出。请重新生成一个报送包。</source>
        <translation>Submission package no. {seq} kept on this computer is incomplete or has been altered: {path}
It cannot be written out again. Create a new submission package.</translation>
    </message>
    <message>
        <source>写入 U 盘的报送包读回后与原件不一致：{path}
U 盘可能已损坏或在写入时被拔出。已删除这份副本，请换一个 U 盘再试。</source>
        <translation>The submission package written to the USB stick did not match the original when read back: {path}
The USB stick may be damaged or may have been pulled out during writing. This copy has been deleted; try again with another USB stick.</translation>
    </message>
    <message>
        <source>当前账号不属于任何单位，不能生成报送包。</source>
        <translation>The current account does not belong to any unit, so it cannot create submission packages.</translation>
    </message>
    <message>
        <source>报送包不完整（文件被截断，可能是拷贝时 U 盘被拔出）：{detail}
请让报送单位重新写出这个报送包。</source>
        <extracomment>The general-purpose flag of an entry whose name is not ASCII (bit 11, name in UTF-8); an ASCII name carries no flag at all (what ``zipfile`` writes). The fixed modification time of every entry (1980-01-01 00:00:00, DOS format). Upper 16 bits of the external attributes: a regular file, rw-r--r--. &quot;Made by&quot; Unix (3), spec version 2.0 or 4.5 in the low byte.</extracomment>
        <translation>The submission package is incomplete (the file is truncated; the USB stick may have been pulled out during copying): {detail}
Ask the submitting unit to write out this submission package again.</translation>
    </message>
    <message>
        <source>报送包的 ZIP 结构不对，已拒收：{detail}
文件可能损坏或被改动过，请让报送单位重新写出。</source>
        <translation>The ZIP structure of the submission package is wrong, so it was rejected: {detail}
The file may be damaged or may have been altered. Ask the submitting unit to write it out again.</translation>
    </message>
    <message>
        <source>报送包中有不安全的文件名，已拒收：{detail}
这样的文件可能写到暂存文件夹之外，程序没有解开任何文件。</source>
        <translation>The submission package contains unsafe file names, so it was rejected: {detail}
Such files could be written outside the staging folder; the program has not extracted any files.</translation>
    </message>
    <message>
        <source>报送包中有重名文件（或只差大小写），已拒收：{detail}</source>
        <translation>The submission package contains files with the same name (or names that differ only in case), so it was rejected: {detail}</translation>
    </message>
    <message>
        <source>报送包中有符号链接、文件夹或其他特殊文件，已拒收：{detail}</source>
        <translation>The submission package contains symbolic links, folders or other special files, so it was rejected: {detail}</translation>
    </message>
    <message>
        <source>报送包中有压缩或加密的条目，已拒收：{detail}
报送包只存放未压缩的文件。</source>
        <translation>The submission package contains compressed or encrypted entries, so it was rejected: {detail}
Submission packages hold only uncompressed files.</translation>
    </message>
    <message>
        <source>报送包中的文件大小与记载不符，已拒收：{detail}</source>
        <translation>The file sizes in the submission package do not match those recorded, so it was rejected: {detail}</translation>
    </message>
    <message>
        <source>报送包不符合 BagIt 格式，已拒收：{detail}</source>
        <translation>The submission package does not conform to the BagIt format, so it was rejected: {detail}</translation>
    </message>
    <message>
        <source>报送包的格式版本 {detail} 本程序不认识。请安装最新版本的执法台账后再校验。</source>
        <translation>This program does not know the submission package format version {detail}. Install the latest version of FieldLedger, then verify the package again.</translation>
    </message>
    <message>
        <source>报送包的内容与清单不符，已拒收：{detail}
文件在签名后被改动、缺失或被加入了东西。</source>
        <translation>The content of the submission package does not match its manifest, so it was rejected: {detail}
Files were changed, removed or added after signing.</translation>
    </message>
    <message>
        <source>报送包中有清单之外的文件，已拒收：{detail}</source>
        <translation>The submission package contains files that are not in its manifest, so it was rejected: {detail}</translation>
    </message>
    <message>
        <source>报送包缺少清单中登记的文件，已拒收：{detail}</source>
        <translation>The submission package lacks files listed in its manifest, so it was rejected: {detail}</translation>
    </message>
    <message>
        <source>报送包的签名校验未通过，已拒收：{detail}
请勿采信这个报送包。</source>
        <translation>The signature of the submission package failed verification, so it was rejected: {detail}
Do not trust this submission package.</translation>
    </message>
    <message>
        <source>无法确认报送包的签名密钥，已拒收：{detail}</source>
        <translation>The signing key of the submission package cannot be confirmed, so it was rejected: {detail}</translation>
    </message>
    <message>
        <source>报送包无法解密，已拒收：{detail}
文件可能损坏、不完整，或不是发给本单位的。</source>
        <translation>The submission package cannot be decrypted, so it was rejected: {detail}
The file may be damaged or incomplete, or it was not addressed to this unit.</translation>
    </message>
    <message>
        <source>报送包写出后读回校验未通过：{detail}
U 盘可能已损坏或被拔出。目标位置没有留下文件，请重新写出。</source>
        <translation>The submission package failed verification when read back after writing: {detail}
The USB stick may be damaged or may have been pulled out. No file was left at the destination; write the package out again.</translation>
    </message>
    <message>
        <source>没有登记代码为“{code}”的下级单位。</source>
        <extracomment>The ``format`` of a receipt. Settings key of the station&apos;s registered office (canonical JSON). Settings key prefix of the office&apos;s receipted package ids of a unit (``&lt;prefix&gt;&lt;unit code&gt;``). Largest receipt file read.</extracomment>
        <translation>No subordinate unit with the code &quot;{code}&quot; is registered.</translation>
    </message>
    <message>
        <source>本单位没有单位代码，无法下发指令。请在“设置 → 本单位”中填写单位代码。</source>
        <translation>This unit has no unit code, so no instructions can be sent. Fill in the unit code under “Settings → Own unit”.</translation>
    </message>
    <message>
        <source>请填写执法监督意见书的编号（如 果交执法监〔2024〕3号）。</source>
        <translation>Enter the number of the supervision letter (e.g. 果交执法监〔2024〕3号).</translation>
    </message>
    <message>
        <source>意见书编号太长（最多 {limit} 个字）。</source>
        <translation>The letter number is too long (at most {limit} characters).</translation>
    </message>
    <message>
        <source>编号“{number}”已用于另一份执法监督意见书，请换一个编号。</source>
        <translation>The number “{number}” is already used by another supervision letter. Choose another number.</translation>
    </message>
    <message>
        <source>请至少填写一个存在的问题（每行一个）。</source>
        <translation>Enter at least one problem found (one per line).</translation>
    </message>
    <message>
        <source>存在的问题太多（最多 {limit} 个）。</source>
        <translation>Too many problems found (at most {limit}).</translation>
    </message>
    <message>
        <source>第 {n} 个问题太长（最多 {limit} 个字）。</source>
        <translation>Problem {n} is too long (at most {limit} characters).</translation>
    </message>
    <message>
        <source>整改要求太长（最多 {limit} 个字）。</source>
        <translation>The rectification requirements are too long (at most {limit} characters).</translation>
    </message>
    <message>
        <source>请至少选择一项要下发的内容（专项行动、模板或执法监督意见书）。</source>
        <translation>Choose at least one thing to send (a campaign, template or supervision letter).</translation>
    </message>
    <message>
        <source>一次最多下发 {limit} 个专项行动、{limit} 个模板和 {limit} 份意见书。</source>
        <translation>At most {limit} campaigns, {limit} templates and {limit} letters can be sent at once.</translation>
    </message>
    <message>
        <source>所选执法监督意见书不是发给“{unit}”的（编号 {ids}），不能下发。</source>
        <translation>The chosen supervision letters are not addressed to “{unit}” (numbers {ids}), so they cannot be sent.</translation>
    </message>
    <message>
        <source>来文文件“{path}”在核验之后被改动或替换了，未导入。请重新选择文件核验。</source>
        <translation>The instruction file “{path}” was changed or replaced after it was verified, so it was not imported. Choose the file again to verify it.</translation>
    </message>
    <message>
        <source>“{unit}”还没有已导入的报送包，无法出具回执。</source>
        <translation>&quot;{unit}&quot; has no imported submission package yet, so no receipt can be written.</translation>
    </message>
    <message>
        <source>所选报送包不是“{unit}”已导入的报送包（编号 {ids}），无法出具回执。</source>
        <translation>The chosen packages are not imported packages of &quot;{unit}&quot; (numbers {ids}), so no receipt can be written.</translation>
    </message>
    <message>
        <source>本单位没有单位代码，无法出具回执。请在“设置 → 本单位”中填写单位代码。</source>
        <translation>This unit has no unit code, so no receipt can be written. Fill in the unit code under &quot;Settings → This unit&quot;.</translation>
    </message>
    <message>
        <source>这是个人签名密钥的登记文件。登记上级单位请使用上级单位负责人导出的单位签章密钥登记文件。</source>
        <translation>This is the enrollment file of a personal signing key. To register the upper office, use the enrollment file of its unit seal key, exported by its chief.</translation>
    </message>
    <message>
        <source>登记文件中没有上级单位的单位代码，无法登记。请上级单位填写单位代码后重新导出。</source>
        <translation>The enrollment file has no unit code for the upper office, so it cannot be registered. Ask the upper office to fill in its unit code and export the file again.</translation>
    </message>
    <message>
        <source>这不是报送回执文件（无法读取其内容）。请选择上级单位出具的“…-回执-….json”文件。</source>
        <translation>This is not a submission receipt (its content cannot be read). Choose the &quot;…-回执-….json&quot; file written by the upper office.</translation>
    </message>
    <message>
        <source>回执文件过大（超过 {limit} 字节），不是有效的回执。</source>
        <translation>The receipt file is too large (over {limit} bytes); it is not a valid receipt.</translation>
    </message>
    <message>
        <source>这不是报送回执文件（格式应为 {expected}，实际为“{found}”）。</source>
        <translation>This is not a submission receipt (the format should be {expected}, it is &quot;{found}&quot;).</translation>
    </message>
    <message>
        <source>回执文件的“{item}”项缺失或有误，不能采信。</source>
        <translation>The item &quot;{item}&quot; of the receipt is missing or wrong; the receipt cannot be trusted.</translation>
    </message>
    <message>
        <source>尚未登记上级单位，无法核验回执。请先用“登记上级单位…”导入上级单位的签章密钥登记文件。</source>
        <translation>No upper office is registered, so the receipt cannot be verified. First import the upper office&apos;s seal-key enrollment file with &quot;Register upper office…&quot;.</translation>
    </message>
    <message>
        <source>这份回执由“{name}”（{code}）出具，使用的密钥不是已登记的上级单位“{office}”的签章密钥，不能采信。如上级单位更换了密钥，请重新登记其密钥登记文件。</source>
        <translation>This receipt was written by &quot;{name}&quot; ({code}) with a key that is not the seal key of the registered upper office &quot;{office}&quot;; it cannot be trusted. If the upper office changed its key, register its enrollment file again.</translation>
    </message>
    <message>
        <source>回执的签名核验不通过：文件在出具后被改动过，或不是上级单位出具的。不能采信，请向上级单位核实。</source>
        <translation>The receipt&apos;s signature does not verify: the file was changed after it was written, or it was not written by the upper office. It cannot be trusted; check with the upper office.</translation>
    </message>
    <message>
        <source>这份回执是出具给单位“{unit}”的，不是本单位（{ours}）的回执。</source>
        <translation>This receipt was written for the unit &quot;{unit}&quot;, not for this unit ({ours}).</translation>
    </message>
    <message>
        <source>回执中的第 {seq} 号报送包不在本机的报送记录中。回执与本单位的报送不符，未作任何标记，请向上级单位核实。</source>
        <translation>Submission package no. {seq} of the receipt is not in this computer&apos;s outbox. The receipt does not match this unit&apos;s submissions; nothing was marked. Check with the upper office.</translation>
    </message>
    <message>
        <source>回执中第 {seq} 号报送包的校验值与本机报送的不一致：上级单位收到的不是本单位发出的这份报送包。未作任何标记，请向上级单位核实。</source>
        <translation>The hash of submission package no. {seq} in the receipt differs from the one sent from here: the upper office did not receive this unit&apos;s package. Nothing was marked; check with the upper office.</translation>
    </message>
    <message>
        <source>这不是上级来文文件（无法读取其内容）。请选择上级单位下发的“…-指令-….json”文件。</source>
        <translation>This is not an instruction file from an upper office (its content cannot be read). Choose the “…-指令-….json” file sent by the upper office.</translation>
    </message>
    <message>
        <source>来文文件过大（超过 {limit} 字节），不是有效的上级来文。</source>
        <translation>The instruction file is too large (over {limit} bytes); it is not a valid instruction file from an upper office.</translation>
    </message>
    <message>
        <source>这不是上级来文文件（格式应为 {expected}，实际为“{found}”）。</source>
        <translation>This is not an instruction file from an upper office (the format should be {expected}, it is “{found}”).</translation>
    </message>
    <message>
        <source>来文文件的“{item}”项缺失或有误，不能采信。</source>
        <translation>The item “{item}” of the instruction file is missing or wrong; the file cannot be trusted.</translation>
    </message>
    <message>
        <source>尚未登记上级单位，无法核验上级来文。请先用“登记上级单位…”导入上级单位的签章密钥登记文件。</source>
        <translation>No upper office is registered, so instruction files cannot be verified. First import the upper office&apos;s seal-key enrollment file with “Register upper office…”.</translation>
    </message>
    <message>
        <source>这份来文自称由“{name}”（{code}）下发，但签名所用的密钥不是已登记的上级单位“{office}”的签章密钥，不能采信。请先用“登记上级单位…”登记下发这份来文的上级单位（上级单位更换了密钥时，重新登记其密钥登记文件），或请上级单位重新出具来文。</source>
        <translation>This file claims to be sent by “{name}” ({code}), but the key it was signed with is not the seal key of the registered upper office “{office}”, so it cannot be trusted. First register the upper office that sent this file with “Register upper office…” (if the upper office changed its key, register its enrollment file again), or ask the upper office to issue the file again.</translation>
    </message>
    <message>
        <source>上级来文的签名核验不通过：文件在下发后被改动过，或不是上级单位出具的。不能采信，请向上级单位核实，或请其重新出具来文。</source>
        <translation>The signature of the instruction file does not verify: the file was changed after it was sent, or it was not issued by the upper office. It cannot be trusted; check with the upper office, or ask it to issue the file again.</translation>
    </message>
    <message>
        <source>来文中的上级单位代码“{code}”与已登记的上级单位“{office}”（{office_code}）不符，不能采信。</source>
        <translation>The upper office code “{code}” in the instruction file does not match the registered upper office “{office}” ({office_code}), so the file cannot be trusted.</translation>
    </message>
    <message>
        <source>这份来文是下发给单位“{unit}”的，不是本单位（{ours}）的来文，未导入。</source>
        <translation>This instruction file is addressed to the unit “{unit}”, not to this unit ({ours}); it was not imported.</translation>
    </message>
    <message>
        <source>这是上级单位的第 {seq} 号来文，本单位已导入过更新的第 {last} 号来文：较早的来文不能再导入（可能是旧文件被重新拷贝）。如仍需要其中的内容，请上级单位重新下发。</source>
        <translation>This is instruction file no. {seq} from the upper office, but this unit has already imported the newer no. {last}: an older file can no longer be imported (an old file may have been copied again). If you still need its content, ask the upper office to send it again.</translation>
    </message>
    <message>
        <source>本单位已导入过上级单位的第 {seq} 号来文，但那一份与这份文件的内容不同：同一编号出现了两份不同的来文。不能采信，请向上级单位核实。</source>
        <translation>This unit has already imported instruction file no. {seq} from the upper office, but that one differs from this file: two different files carry the same number. It cannot be trusted; check with the upper office.</translation>
    </message>
    <message>
        <source>来文中“{name}”出现了不止一次，不能采信。</source>
        <translation>“{name}” appears more than once in the instruction file, so it cannot be trusted.</translation>
    </message>
    <message>
        <source>来文中的第 {n} 个专项行动有误，不能采信：{reason}</source>
        <translation>Campaign {n} in the instruction file is wrong, so the file cannot be trusted: {reason}</translation>
    </message>
    <message>
        <source>来文中的第 {n} 个模板有误，不能采信：{reason}</source>
        <translation>Template {n} in the instruction file is wrong, so the file cannot be trusted: {reason}</translation>
    </message>
    <message>
        <source>解密密钥的口令（即您的登录密码）不正确，未解密任何内容。</source>
        <extracomment>At most this many recipients travel in an enrollment file (one active key, normally).</extracomment>
        <translation>The decryption key&apos;s passphrase (your login password) is wrong. Nothing was decrypted.</translation>
    </message>
    <message>
        <source>解密密钥口令错误次数过多，请 {seconds} 秒后再试。未解密任何内容。</source>
        <translation>Too many wrong passphrases for the decryption key; try again in {seconds} seconds. Nothing was decrypted.</translation>
    </message>
    <message>
        <source>解密密钥口令连续错误 {failures} 次，已临时锁定，{minutes} 分钟后可再试。未解密任何内容。</source>
        <translation>The decryption key&apos;s passphrase was wrong {failures} times in a row; the key is locked for {minutes} minutes. Nothing was decrypted.</translation>
    </message>
    <message>
        <source>解密密钥只能交给负责人，账号“{name}”不是负责人。</source>
        <translation>The decryption key can only be given to a chief; account “{name}” is not a chief.</translation>
    </message>
    <message>
        <source>账号“{name}”已持有本机全部解密密钥。</source>
        <translation>Account “{name}” already holds all the decryption keys on this computer.</translation>
    </message>
    <message>
        <source>您没有持有本机的解密密钥。请在“设置 → 签名密钥”中生成，或请持有它的负责人交给您；也可以选择解密密钥文件。</source>
        <translation>You do not hold the decryption key on this computer. Create it under “Settings → Signing keys”, or ask a chief who holds it to give it to you; you can also choose a decryption key file.</translation>
    </message>
    <message>
        <source>统计期间的开始日期（{start}）晚于结束日期（{end}）。</source>
        <extracomment>The data materials a package may carry, as (package material code, column name). Cell states, from best to worst. A unit&apos;s state over its row (see :meth:`UnitMaterials.status`), as the summary counts them. The first row of the 案件办理情况统计表.</extracomment>
        <translation>The start date of the period ({start}) is later than its end date ({end}).</translation>
    </message>
    <message>
        <source>简报“{title}”已定稿，不能修改。如需修改，请负责人先将其退回草稿。</source>
        <extracomment>Longest title and text, in characters. Most photos one brief holds.</extracomment>
        <translation>The brief “{title}” is finalized and cannot be changed. To change it, ask a chief to return it to draft first.</translation>
    </message>
    <message>
        <source>简报“{title}”还是草稿，无需退回。</source>
        <translation>The brief “{title}” is still a draft; there is nothing to return.</translation>
    </message>
    <message>
        <source>简报须有标题和正文才能定稿，请先填写{field}。</source>
        <translation>A brief needs a title and body text before it can be finalized: fill in “{field}” first.</translation>
    </message>
    <message>
        <source>“{name}”不是照片。工作简报只能附照片（jpg、png 等），其他材料请作为报送材料附上。</source>
        <translation>“{name}” is not a photo. Only photos (jpg, png, etc.) can be attached to a work brief; attach other files as materials to submit.</translation>
    </message>
    <message>
        <source>一期简报最多附 {limit} 张照片。</source>
        <translation>At most {limit} photos can be attached to one issue of a brief.</translation>
    </message>
    <message>
        <source>{field}应为 0 或正整数（实际为“{value}”）。</source>
        <extracomment>The largest figure accepted in one cell.</extracomment>
        <translation>{field} must be 0 or a positive whole number (got “{value}”).</translation>
    </message>
    <message>
        <source>这条线索已办结，不能再修改。如需继续办理，请负责人先“重新办理”。</source>
        <extracomment>Calendar days from 受理日期 within which a lead is to be closed (see the module doc). column -&gt; (label, required, limit) of the texts of a lead. Every field create_lead and update_lead take.</extracomment>
        <translation>This lead is closed and can no longer be changed. To continue handling it, ask a chief to reopen it first.</translation>
    </message>
    <message>
        <source>“{field}”不能晚于今天（{today}）。</source>
        <translation>“{field}” cannot be later than today ({today}).</translation>
    </message>
    <message>
        <source>来源渠道只能是 {choices}。</source>
        <translation>The source channel must be one of the following: {choices}.</translation>
    </message>
    <message>
        <source>办结日期（{closed}）不能早于受理日期（{received}）。</source>
        <translation>The date closed ({closed}) cannot be earlier than the date received ({received}).</translation>
    </message>
    <message>
        <source>只有已办结的线索可以重新办理。</source>
        <translation>Only closed leads can be reopened.</translation>
    </message>
    <message>
        <source>已办结的线索不能删除：它是本单位对反映人的答复记录。</source>
        <translation>A closed lead cannot be deleted: it is the record of the unit&apos;s reply to the person who reported it.</translation>
    </message>
    <message>
        <source>这条线索已对应问题台账中的问题，不能删除。请先取消关联。</source>
        <translation>This lead corresponds to a problem in the problem ledger, so it cannot be deleted. Remove the link first.</translation>
    </message>
    <message>
        <source>这条线索已对应问题台账序号 {seq}，不能再登记一个问题。</source>
        <translation>This lead already corresponds to problem no. {seq} in the problem ledger; no other problem can be registered for it.</translation>
    </message>
    <message>
        <source>只能关联本单位问题台账中的问题。</source>
        <translation>Only problems in this unit&apos;s problem ledger can be linked.</translation>
    </message>
    <message>
        <source>请至少选择意见书中的一个问题。</source>
        <translation>Select at least one problem from the letter.</translation>
    </message>
    <message>
        <source>意见书中没有第 {n} 个问题（共 {count} 个）。</source>
        <translation>The letter has no problem {n} (it has {count}).</translation>
    </message>
    <message>
        <source>请为第 {n} 个问题选择问题类别（专项行动“{campaign}”的类别：{choices}）。</source>
        <translation>Choose a problem category for problem {n} (the categories of the campaign “{campaign}”: {choices}).</translation>
    </message>
    <message>
        <source>没有编号为 {id} 的收到的执法监督意见书。</source>
        <translation>There is no received supervision letter with ID {id}.</translation>
    </message>
    <message>
        <source>没有编号为 {id} 的意见书答复。</source>
        <translation>There is no letter reply with ID {id}.</translation>
    </message>
    <message>
        <source>没有编号为 {id} 的答复附件。</source>
        <translation>There is no reply attachment with ID {id}.</translation>
    </message>
    <message>
        <source>整改情况太长（最多 {limit} 个字）。</source>
        <translation>The rectification report is too long (at most {limit} characters).</translation>
    </message>
    <message>
        <source>一份答复最多附 {limit} 个文件。</source>
        <translation>At most {limit} files can be attached to one reply.</translation>
    </message>
    <message>
        <source>请先填写整改情况并保存，再签发答复。</source>
        <translation>Fill in the rectification report and save it before issuing the reply.</translation>
    </message>
    <message>
        <source>该账号未关联人员，不能签发。请管理员先为账号关联人员。</source>
        <translation>This account is not linked to a person, so it cannot issue. Ask an administrator to link the account to a person first.</translation>
    </message>
    <message>
        <source>您还没有有效的签名密钥，请先在“设置 → 签名密钥”中生成。未签发。</source>
        <translation>You have no valid signing key yet; create one first under “Settings → Signing keys”. Nothing was issued.</translation>
    </message>
    <message>
        <source>答复在您核对之后又有改动，未签发。请重新打开签发窗口，核对后再签。</source>
        <translation>The reply has changed since you checked it, so it was not issued. Open the issue window again, check the reply, then sign.</translation>
    </message>
    <message>
        <source>这份答复已按现在的内容签发过，无需重复签发。</source>
        <translation>This reply has already been issued with its current content; there is no need to issue it again.</translation>
    </message>
    <message>
        <source>{field}应为“年-月”，如 2024-05（实际为“{value}”）。</source>
        <translation>{field} must be in the form “year-month”, e.g. 2024-05 (got “{value}”).</translation>
    </message>
    <message>
        <source>没有编号为 {id} 的本单位下发的执法监督意见书。</source>
        <translation>There is no supervision letter with ID {id} issued by this unit.</translation>
    </message>
    <message>
        <source>一个月的调度表最多 {limit} 项工作任务。</source>
        <extracomment>Most rows of one month&apos;s table.</extracomment>
        <translation>A month&apos;s progress table can have at most {limit} tasks.</translation>
    </message>
    <message>
        <source>{period} 的调度表已有 {count} 项工作任务，不能再复制上月的任务。</source>
        <translation>The progress table for {period} already has {count} task(s), so last month&apos;s tasks cannot be copied into it.</translation>
    </message>
    <message>
        <source>{period} 之前没有调度表，无可复制的工作任务。</source>
        <translation>There is no progress table before {period}, so there are no tasks to copy.</translation>
    </message>
    <message>
        <source>第 {n} 项工作任务：{reason}</source>
        <translation>Task {n}: {reason}</translation>
    </message>
    <message>
        <source>“学时”应为大于 0、不超过 24 的数，以半学时为单位（如 2 或 1.5）：{value}。</source>
        <translation>“Hours” must be a number greater than 0 and at most 24, in half hours (e.g. 2 or 1.5): {value}.</translation>
    </message>
    <message>
        <source>请至少选择一名参加培训的人员。</source>
        <translation>Select at least one person who took part in the training.</translation>
    </message>
    <message>
        <source>“{name}”不是本单位人员，不能为其登记培训或证件信息。</source>
        <translation>“{name}” is not a member of this unit, so no training or certificate details can be registered for them.</translation>
    </message>
    <message>
        <source>{name} 在 {date} 的培训“{topic}”已经登记过。</source>
        <translation>The training “{topic}” of {name} on {date} has already been registered.</translation>
    </message>
    <message>
        <source>{name} 在 {date} 的培训学时合计将达 {hours}，超过一天 24 学时。请核对学时。</source>
        <translation>The training hours of {name} on {date} would add up to {hours}, more than 24 hours in one day. Check the hours.</translation>
    </message>
    <message>
        <source>“有效期至”不能早于“发证日期”。</source>
        <translation>“Valid until” cannot be earlier than “Issue date”.</translation>
    </message>
    <message>
        <source>培训日期 {date} 晚于今天：培训台账只登记已经参加的培训。</source>
        <translation>The training date {date} is later than today: the training ledger records only training that has already taken place.</translation>
    </message>
    <message>
        <source>找不到备份文件：{path}</source>
        <extracomment>Pages copied per step of the online backup: writers wait at most one step. After this many restarts (another connection wrote between two steps) the rest is copied in one step: in WAL mode a reader does not block writers, so this only takes a snapshot.</extracomment>
        <translation>Backup file not found: {path}</translation>
    </message>
    <message>
        <source>“{path}”不是执法台账的备份：它不是 SQLite 数据库文件。请选择 fieldledger-….sqlite 备份文件。</source>
        <translation>“{path}” is not a FieldLedger backup: it is not an SQLite database file. Please choose a fieldledger-….sqlite backup file.</translation>
    </message>
    <message>
        <source>备份文件已损坏，不能用来恢复：{path}
原因：{reason}
请选择另一个备份。当前的数据没有被改动。</source>
        <translation>The backup file is damaged and cannot be restored: {path}
Reason: {reason}
Please choose another backup. The current data has not been changed.</translation>
    </message>
    <message>
        <source>“{path}”不是执法台账的数据库（缺少台账的数据表），不能用来恢复。当前的数据没有被改动。</source>
        <translation>“{path}” is not a FieldLedger database (the ledger tables are missing) and cannot be restored. The current data has not been changed.</translation>
    </message>
    <message>
        <source>这个备份由更新版本的执法台账建立（数据版本 {found}，本程序最高支持 {supported}）：{path}
请安装最新版本的执法台账后再恢复。当前的数据没有被改动。</source>
        <translation>This backup was made by a newer version of FieldLedger (data version {found}; this program supports up to {supported}): {path}
Please install the latest version of FieldLedger before restoring. The current data has not been changed.</translation>
    </message>
    <message>
        <source>备份的审计链校验未通过，不能用来恢复：{path}
{reason}
当前的数据没有被改动。</source>
        <translation>The backup&apos;s audit chain did not verify, so it cannot be restored: {path}
{reason}
The current data has not been changed.</translation>
    </message>
    <message>
        <source>备份文件在备份之后被改动过（内容摘要与备份记录不符）：{path}
请选择另一个备份。当前的数据没有被改动。</source>
        <translation>The backup file was changed after the backup was made (its digest does not match the backup record): {path}
Please choose another backup. The current data has not been changed.</translation>
    </message>
    <message>
        <source>备份复制到数据文件夹后与原备份不符：{path}
磁盘可能有问题，请检查磁盘空间和磁盘后重试。当前的数据没有被改动。</source>
        <translation>After copying into the data folder, the backup no longer matches the original: {path}
The disk may be faulty; check its free space and the disk, then try again. The current data has not been changed.</translation>
    </message>
    <message>
        <source>执法台账正在使用这个数据文件夹：{path}
请先关闭所有执法台账窗口，再恢复备份。当前的数据没有被改动。</source>
        <translation>FieldLedger is using this data folder: {path}
Please close every FieldLedger window before restoring the backup. The current data has not been changed.</translation>
    </message>
    <message>
        <source>数据文件夹在U盘或存储卡上：{path}
正在使用的台账数据库不能放在可移动存储上：拔出U盘或接触不良会损坏台账和审计链。
请选择本机硬盘上的文件夹作为数据文件夹；U盘只用来存放报送包和备份（设置 → 数据与日志 → 立即备份到U盘或文件夹）。</source>
        <translation>The data folder is on a USB stick or memory card: {path}
The live ledger database must not be kept on removable media: pulling the stick out or a loose contact would damage the ledger and its audit chain.
Choose a folder on this computer&apos;s own disk as the data folder; use USB sticks only for packages and backups (Settings → Data and logs → Back up now to a USB stick or folder).</translation>
    </message>
</context>
<context>
    <name>evidence</name>
    <message>
        <source>印证资料“{name}”完好。</source>
        <translation>The evidence “{name}” is intact.</translation>
    </message>
    <message>
        <source>印证资料“{name}”的文件不见了：{path}
请从备份恢复数据文件夹中的 evidence 文件夹。</source>
        <translation>The file of the evidence “{name}” is missing: {path}
Restore the evidence folder inside the data folder from a backup.</translation>
    </message>
    <message>
        <source>印证资料“{name}”的文件已被改动或损坏（内容与登记时的校验值不符）：{path}
请从备份恢复该文件，或重新添加原件。</source>
        <translation>The file of the evidence “{name}” has been changed or damaged (its content does not match the checksum recorded when it was added): {path}
Restore the file from a backup, or add the original again.</translation>
    </message>
    <message>
        <source>无法读取印证资料“{name}”的文件：{path}
原因：{reason}</source>
        <translation>Cannot read the file of the evidence “{name}”: {path}
Reason: {reason} — check that the drive holding the data folder is connected and that you have permission to read the file.</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>、</source>
        <extracomment>How the core joins labels in one value (roles: 负责人、法制审核), translated like a label.</extracomment>
        <translation>, </translation>
    </message>
    <message>
        <source>问题</source>
        <translation>problem</translation>
    </message>
    <message>
        <source>问题方面</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>具体表现</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>责任部门</source>
        <translation>Responsible department</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>整改完成情况</source>
        <translation>Rectification result</translation>
    </message>
    <message>
        <source>是否取得预期成效</source>
        <translation>Expected effect achieved</translation>
    </message>
    <message>
        <source>是否出现反弹</source>
        <translation>Rebound</translation>
    </message>
    <message>
        <source>反弹问题整改措施和完成情况</source>
        <translation>Rebound measures and result</translation>
    </message>
    <message>
        <source>共性/个性</source>
        <translation>Common/individual</translation>
    </message>
    <message>
        <source>问题来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>举报渠道</source>
        <translation>Complaint channel</translation>
    </message>
    <message>
        <source>来源记录</source>
        <translation>Source record</translation>
    </message>
    <message>
        <source>问题状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>整改进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>进展记录</source>
        <translation>progress note</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>印证资料</source>
        <translation>evidence</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>campaign</translation>
    </message>
    <message>
        <source>行动名称</source>
        <translation>Campaign title</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>发文单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>行动类型</source>
        <translation>Campaign type</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Problem category</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>phase</translation>
    </message>
    <message>
        <source>阶段名称</source>
        <translation>Phase name</translation>
    </message>
    <message>
        <source>阶段开始日期</source>
        <translation>Phase start date</translation>
    </message>
    <message>
        <source>阶段截止日期</source>
        <translation>Phase deadline</translation>
    </message>
    <message>
        <source>阶段说明</source>
        <translation>Phase notes</translation>
    </message>
    <message>
        <source>报送材料</source>
        <translation>material</translation>
    </message>
    <message>
        <source>报送材料名称</source>
        <translation>Material name</translation>
    </message>
    <message>
        <source>报送截止日期</source>
        <translation>Material due date</translation>
    </message>
    <message>
        <source>材料说明</source>
        <translation>Material notes</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>template</translation>
    </message>
    <message>
        <source>自查清单</source>
        <translation>self-check list</translation>
    </message>
    <message>
        <source>自查记录</source>
        <translation>self-check record</translation>
    </message>
    <message>
        <source>自查名称</source>
        <translation>Self-check title</translation>
    </message>
    <message>
        <source>自查条目</source>
        <translation>self-check item</translation>
    </message>
    <message>
        <source>自查结论</source>
        <translation>Self-check result</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>案卷</source>
        <translation>case file</translation>
    </message>
    <message>
        <source>案卷编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>案件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <source>执法门类</source>
        <translation>Enforcement field</translation>
    </message>
    <message>
        <source>案由</source>
        <translation>Cause of action</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>执法人员</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>是否重大案件</source>
        <translation>Major case</translation>
    </message>
    <message>
        <source>办案机构</source>
        <translation>Handling agency</translation>
    </message>
    <message>
        <source>结案时间</source>
        <translation>Closing date</translation>
    </message>
    <message>
        <source>评查标准</source>
        <translation>review standard</translation>
    </message>
    <message>
        <source>评查记录</source>
        <translation>review record</translation>
    </message>
    <message>
        <source>评查条目</source>
        <translation>review item</translation>
    </message>
    <message>
        <source>扣分次数</source>
        <translation>Number of deductions</translation>
    </message>
    <message>
        <source>扣分说明</source>
        <translation>Deduction reason</translation>
    </message>
    <message>
        <source>评查意见</source>
        <translation>Review comments</translation>
    </message>
    <message>
        <source>模板类型</source>
        <translation>Template type</translation>
    </message>
    <message>
        <source>模板编号</source>
        <translation>Template code</translation>
    </message>
    <message>
        <source>模板名称</source>
        <translation>Template name</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>发布单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>发布日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>示例模板</source>
        <translation>Sample template</translation>
    </message>
    <message>
        <source>优秀分数线</source>
        <translation>Excellence mark</translation>
    </message>
    <message>
        <source>合格分数线</source>
        <translation>Pass mark</translation>
    </message>
    <message>
        <source>低于合格分数线须复核</source>
        <translation>Second review below pass mark</translation>
    </message>
    <message>
        <source>评定等次不一致须复核</source>
        <translation>Second review if grades differ</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>对应问题类别</source>
        <translation>Problem category</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>要点说明</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <source>否决项</source>
        <translation>Veto item</translation>
    </message>
    <message>
        <source>每处扣分</source>
        <translation>Deduction per occurrence</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>unit</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>单位代码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <source>单位层级</source>
        <translation>Unit level</translation>
    </message>
    <message>
        <source>上级单位</source>
        <translation>parent unit</translation>
    </message>
    <message>
        <source>上级单位名称</source>
        <translation>Parent unit name</translation>
    </message>
    <message>
        <source>上级单位代码</source>
        <translation>Parent unit code</translation>
    </message>
    <message>
        <source>上级单位层级</source>
        <translation>Parent unit level</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>person</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Enforcement certificate no.</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>account</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>工作简报</source>
        <translation>work brief</translation>
    </message>
    <message>
        <source>简报标题</source>
        <translation>Brief title</translation>
    </message>
    <message>
        <source>简报正文</source>
        <translation>Brief text</translation>
    </message>
    <message>
        <source>报送月份</source>
        <translation>Reporting month</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>照片说明</source>
        <translation>Photo caption</translation>
    </message>
    <message>
        <source>调度月份</source>
        <translation>Progress table month</translation>
    </message>
    <message>
        <source>工作任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>责任人/部门</source>
        <translation>Responsible person/department</translation>
    </message>
    <message>
        <source>完成状态</source>
        <translation>Completion status</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>案件统计</source>
        <translation>case statistics</translation>
    </message>
    <message>
        <source>统计月份</source>
        <translation>Statistics month</translation>
    </message>
    <message>
        <source>数据条数</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>实际案件数</source>
        <translation>Actual cases</translation>
    </message>
    <message>
        <source>测试案件数</source>
        <translation>Test cases</translation>
    </message>
    <message>
        <source>在线考试</source>
        <translation>Online exams</translation>
    </message>
    <message>
        <source>提供材料的台账</source>
        <translation>Ledger providing the material</translation>
    </message>
    <message>
        <source>投诉举报线索</source>
        <translation>complaint/report lead</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Date received</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Source channel</translation>
    </message>
    <message>
        <source>反映内容</source>
        <translation>Matter reported</translation>
    </message>
    <message>
        <source>被反映单位/人</source>
        <translation>Unit/person reported</translation>
    </message>
    <message>
        <source>反映人及联系方式</source>
        <translation>Reporter and contact details</translation>
    </message>
    <message>
        <source>办理情况</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>办结日期</source>
        <translation>Date closed</translation>
    </message>
    <message>
        <source>线索状态</source>
        <translation>Lead status</translation>
    </message>
    <message>
        <source>培训记录</source>
        <translation>training record</translation>
    </message>
    <message>
        <source>培训内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>培训形式</source>
        <translation>Training type</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Training hours</translation>
    </message>
    <message>
        <source>考核情况</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>证件状态</source>
        <translation>Certificate status</translation>
    </message>
    <message>
        <source>发证日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <source>专项整治问题清单</source>
        <extracomment>Form code -&gt; the name shown in the export dialog (context &quot;forms&quot;).</extracomment>
        <translation>Special campaign problem list</translation>
    </message>
    <message>
        <source>“回头看”清查评估台账</source>
        <translation>Look-back evaluation ledger</translation>
    </message>
    <message>
        <source>整改工作台账（共性）</source>
        <translation>Rectification ledger (common)</translation>
    </message>
    <message>
        <source>整改工作台账（个性）</source>
        <translation>Rectification ledger (unit-specific)</translation>
    </message>
    <message>
        <source>突出问题线索征询表</source>
        <translation>Consultation form on leads to outstanding problems</translation>
    </message>
    <message>
        <source>资料报送统计表</source>
        <translation>Statistics of materials submitted</translation>
    </message>
    <message>
        <source>案件办理情况统计表</source>
        <translation>Statistics of cases handled</translation>
    </message>
    <message>
        <source>自查自纠结果</source>
        <translation>Self-check results</translation>
    </message>
    <message>
        <source>案卷评查评分表</source>
        <translation>Case-file review score sheet</translation>
    </message>
    <message>
        <source>工作简报</source>
        <translation>Work brief</translation>
    </message>
    <message>
        <source>工作调度表</source>
        <translation>Work progress table</translation>
    </message>
    <message>
        <source>案件统计表（按月）</source>
        <translation>Case statistics table (monthly)</translation>
    </message>
    <message>
        <source>执法监督意见书及整改情况答复</source>
        <translation>Supervision letter and reply on rectification</translation>
    </message>
    <message>
        <source>培训台账</source>
        <translation>Training ledger</translation>
    </message>
    <message>
        <source>学时统计</source>
        <translation>Training hours summary</translation>
    </message>
</context>
<context>
    <name>keys</name>
    <message>
        <source>更换</source>
        <translation>rotated</translation>
    </message>
    <message>
        <source>吊销</source>
        <translation>revoked</translation>
    </message>
    <message>
        <source>个人签名密钥</source>
        <translation>Personal signing key</translation>
    </message>
    <message>
        <source>单位签章密钥</source>
        <translation>Unit seal key</translation>
    </message>
</context>
<context>
    <name>keys_panel</name>
    <message>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已更换（停用）</source>
        <translation>Rotated (retired)</translation>
    </message>
    <message>
        <source>已吊销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>个人签名密钥</source>
        <translation>Personal signing key</translation>
    </message>
    <message>
        <source>单位签章密钥</source>
        <translation>Unit seal key</translation>
    </message>
    <message>
        <source>更换</source>
        <translation>Rotation</translation>
    </message>
    <message>
        <source>吊销</source>
        <translation>Revocation</translation>
    </message>
    <message>
        <source>尚未生成</source>
        <translation>Not created yet</translation>
    </message>
</context>
<context>
    <name>leads</name>
    <message>
        <source>待办理</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>12328 交通运输服务监督电话</source>
        <extracomment>The channels of a lead: those of a complaint on the ledger (models.problems.CHANNELS), so a problem hung from a lead keeps its channel. Channel -&gt; how the GUI offers it (context &quot;leads&quot;); the stored value is the key.</extracomment>
        <translation>12328 transport service supervision hotline</translation>
    </message>
    <message>
        <source>12345 政务服务热线</source>
        <translation>12345 government service hotline</translation>
    </message>
    <message>
        <source>投诉举报信箱</source>
        <translation>Complaint/report mailbox</translation>
    </message>
    <message>
        <source>来信</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>来访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>来电（其他电话）</source>
        <translation>Phone call (other numbers)</translation>
    </message>
    <message>
        <source>网络（网站、公众号、舆情）</source>
        <translation>Online (websites, official accounts, public opinion)</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>ledgers</name>
    <message>
        <source>工作简报</source>
        <extracomment>The file types offered when adding photos.</extracomment>
        <translation>Work briefs</translation>
    </message>
    <message>
        <source>案件统计</source>
        <extracomment>The figures of a month, in the table&apos;s and the editor&apos;s order: (key, may be empty).</extracomment>
        <translation>Case statistics</translation>
    </message>
    <message>
        <source>投诉举报线索</source>
        <extracomment>Milliseconds of no typing before the search runs.</extracomment>
        <translation>Complaint/report leads</translation>
    </message>
    <message>
        <source>培训台账</source>
        <translation>Training ledger</translation>
    </message>
    <message>
        <source>工作调度表</source>
        <extracomment>完成状态 -&gt; its text colour in the table The columns of the table (keys of models.schedule&apos;s rows).</extracomment>
        <translation>Work progress table</translation>
    </message>
</context>
<context>
    <name>letter_answer</name>
    <message>
        <source>签名或签名数据核验不通过</source>
        <extracomment>Why a signature is invalid, in words (the unit&apos;s reasons and the office&apos;s).</extracomment>
        <translation>the signature or the signed data failed verification</translation>
    </message>
    <message>
        <source>签名时所用密钥已被吊销</source>
        <translation>the key used to sign has been revoked</translation>
    </message>
    <message>
        <source>答复在软件之外被改动</source>
        <translation>the reply was changed outside the software</translation>
    </message>
    <message>
        <source>签名密钥属于其他单位</source>
        <translation>the signing key belongs to another unit</translation>
    </message>
    <message>
        <source>报送包中没有该签名密钥</source>
        <translation>the signing key is not in the submission packages</translation>
    </message>
    <message>
        <source>签章密钥未登记</source>
        <translation>the unit seal key is not enrolled</translation>
    </message>
    <message>
        <source>缺少存储该签名的审计记录（请下级单位报送审计记录）</source>
        <translation>the audit record that stores the signature is missing (ask the subordinate unit to submit its audit records)</translation>
    </message>
    <message>
        <source>✓ 签名有效：{name}，{time}，密钥指纹 {fp}</source>
        <translation>✓ Signature valid: {name}, {time}, key fingerprint {fp}</translation>
    </message>
    <message>
        <source>⚠ 签发后答复又有改动（{name} {time} 的签名已不再对应当前内容），须重新签发</source>
        <translation>⚠ The reply was changed after it was issued (the signature of {name} at {time} no longer matches the current content); it must be issued again</translation>
    </message>
    <message>
        <source>✗ 签名无效：{reason}</source>
        <translation>✗ Signature invalid: {reason}</translation>
    </message>
    <message>
        <source>未签名</source>
        <translation>Not signed</translation>
    </message>
</context>
<context>
    <name>letter_dialog</name>
    <message>
        <source>执法监督意见书</source>
        <translation>Supervision letter</translation>
    </message>
    <message>
        <source>下发单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>受文单位</source>
        <translation>Addressed to</translation>
    </message>
    <message>
        <source>签发时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>未设定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>所属专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>收到时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>存在的问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>整改要求</source>
        <translation>Rectification requirements</translation>
    </message>
    <message>
        <source>下发指令</source>
        <translation>Send instructions</translation>
    </message>
    <message>
        <source>还没有登记下级单位。请先用“登记下级单位…”登记要下发指令的单位。</source>
        <translation>No subordinate units are enrolled yet. First enroll the unit to send instructions to with “Enroll subordinate unit…”.</translation>
    </message>
    <message>
        <source>用单位签章密钥签名下发</source>
        <translation>Sign with the unit seal key and send</translation>
    </message>
    <message>
        <source>指令文件将用本单位签章密钥签名。请输入您的签名口令（登录密码）。</source>
        <translation>The instruction file will be signed with the unit seal key. Type your signing passphrase (your login password).</translation>
    </message>
    <message>
        <source>签名并写出</source>
        <translation>Sign and write out</translation>
    </message>
    <message>
        <source>第 {seq} 号指令已写出：
{path}

专项行动 {campaigns} 个，模板 {templates} 个，执法监督意见书 {letters} 份。请把 U 盘交给“{unit}”，由其在“报送 → 上级来文”中导入。</source>
        <translation>Instructions no. {seq} were written out:
{path}

{campaigns} campaign(s), {templates} template(s), {letters} supervision letter(s). Give the USB stick to “{unit}”, which imports it under “Submission → Instructions from upper office”.</translation>
    </message>
</context>
<context>
    <name>letters</name>
    <message>
        <source>未答复</source>
        <extracomment>Longest answer text, and most files one answer holds. Answer state -&gt; how the lists name it (context &quot;letters&quot;).</extracomment>
        <translation>Not answered</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已签发</source>
        <translation>Issued</translation>
    </message>
</context>
<context>
    <name>materials</name>
    <message>
        <source>问题台账（含整改进展和印证资料）</source>
        <extracomment>The material codes a package may include, in the order of docs/package-format.md. Material code -&gt; the name shown to users (context &quot;materials&quot;).</extracomment>
        <translation>Problem ledger (with rectification progress and evidence)</translation>
    </message>
    <message>
        <source>自查自纠记录</source>
        <translation>Self-check records</translation>
    </message>
    <message>
        <source>案卷评查记录</source>
        <translation>Case-file review records</translation>
    </message>
    <message>
        <source>签名和签名密钥</source>
        <translation>Signatures and signing keys</translation>
    </message>
    <message>
        <source>审计记录</source>
        <translation>Audit records</translation>
    </message>
    <message>
        <source>正式表格（Excel 和 PDF）</source>
        <translation>Official forms (Excel and PDF)</translation>
    </message>
    <message>
        <source>执法监督意见书的答复</source>
        <extracomment>Kind -&gt; the name shown to users (context &quot;materials&quot;).</extracomment>
        <translation>Replies to supervision letters</translation>
    </message>
    <message>
        <source>投诉举报线索</source>
        <translation>Complaint/report leads</translation>
    </message>
    <message>
        <source>培训台账</source>
        <translation>Training ledger</translation>
    </message>
    <message>
        <source>工作简报</source>
        <translation>Work briefs</translation>
    </message>
    <message>
        <source>工作调度表</source>
        <translation>Work progress tables</translation>
    </message>
    <message>
        <source>案件统计</source>
        <translation>Case statistics</translation>
    </message>
</context>
<context>
    <name>office_panel</name>
    <message>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>已隔离</source>
        <translation>Quarantined</translation>
    </message>
</context>
<context>
    <name>office_stats</name>
    <message>
        <source>√</source>
        <extracomment>Cell text of each state (the form&apos;s own texts; context &quot;office_stats&quot;).</extracomment>
        <translation>√</translation>
    </message>
    <message>
        <source>√逾期</source>
        <translation>√ late</translation>
    </message>
    <message>
        <source>未通过验证</source>
        <translation>Failed verification</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>数据条数</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>实际案件数</source>
        <translation>Actual cases</translation>
    </message>
    <message>
        <source>测试案件数</source>
        <translation>Test cases</translation>
    </message>
    <message>
        <source>执法人员</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>人均办案率</source>
        <translation>Cases per officer</translation>
    </message>
    <message>
        <source>在线考试</source>
        <translation>Online exams</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>修改本单位信息</source>
        <translation>Edit own unit details</translation>
    </message>
    <message>
        <source>维护单位层级</source>
        <translation>Maintain unit hierarchy</translation>
    </message>
    <message>
        <source>查看单位</source>
        <translation>View units</translation>
    </message>
    <message>
        <source>维护人员信息</source>
        <translation>Maintain personnel details</translation>
    </message>
    <message>
        <source>查看人员</source>
        <translation>View people</translation>
    </message>
    <message>
        <source>管理登录账号</source>
        <translation>Manage login accounts</translation>
    </message>
    <message>
        <source>修改自己的密码</source>
        <translation>Change own password</translation>
    </message>
    <message>
        <source>建立和修改专项行动</source>
        <translation>Create and edit campaigns</translation>
    </message>
    <message>
        <source>查看专项行动</source>
        <translation>View campaigns</translation>
    </message>
    <message>
        <source>查看问题台账</source>
        <translation>View problem ledger</translation>
    </message>
    <message>
        <source>登记和修改问题</source>
        <translation>Register and edit problems</translation>
    </message>
    <message>
        <source>推进整改</source>
        <translation>Advance rectification</translation>
    </message>
    <message>
        <source>验收销号</source>
        <translation>Verify and strike off</translation>
    </message>
    <message>
        <source>批量调整责任人和时限</source>
        <translation>Bulk change responsible persons and deadlines</translation>
    </message>
    <message>
        <source>查看自查清单和评查标准模板</source>
        <translation>View self-check list and review standard templates</translation>
    </message>
    <message>
        <source>导入和管理模板</source>
        <translation>Import and manage templates</translation>
    </message>
    <message>
        <source>查看自查记录</source>
        <translation>View self-check records</translation>
    </message>
    <message>
        <source>填写自查清单</source>
        <translation>Fill in self-check lists</translation>
    </message>
    <message>
        <source>查看案卷和评查结果</source>
        <translation>View case files and review results</translation>
    </message>
    <message>
        <source>登记和导入案卷</source>
        <translation>Register and import case files</translation>
    </message>
    <message>
        <source>评查案卷</source>
        <translation>Review case files</translation>
    </message>
    <message>
        <source>责任人签字确认本人问题</source>
        <translation>Sign off one&apos;s own problems as the responsible person</translation>
    </message>
    <message>
        <source>审核台账</source>
        <translation>Review ledgers</translation>
    </message>
    <message>
        <source>台账加盖单位签章</source>
        <translation>Apply the unit seal to ledgers</translation>
    </message>
    <message>
        <source>查看签名密钥</source>
        <translation>View signing keys</translation>
    </message>
    <message>
        <source>管理自己的签名密钥</source>
        <translation>Manage one&apos;s own signing key</translation>
    </message>
    <message>
        <source>管理单位签章密钥</source>
        <translation>Manage the unit seal key</translation>
    </message>
    <message>
        <source>管理和使用本单位的解密密钥</source>
        <translation>Manage and use the unit&apos;s decryption key</translation>
    </message>
    <message>
        <source>校验审计链</source>
        <translation>Verify audit chain</translation>
    </message>
    <message>
        <source>从备份恢复整个台账</source>
        <translation>restore the whole ledger from a backup</translation>
    </message>
    <message>
        <source>查看审计记录</source>
        <translation>View audit records</translation>
    </message>
    <message>
        <source>生成和报送报送包</source>
        <translation>Create and submit submission packages</translation>
    </message>
    <message>
        <source>查看报送记录</source>
        <translation>View submission records</translation>
    </message>
    <message>
        <source>设置上级机关的加密公钥</source>
        <translation>Set the upper office&apos;s encryption public key</translation>
    </message>
    <message>
        <source>登记下级单位和导入报送包</source>
        <translation>Enroll subordinate units and import submission packages</translation>
    </message>
    <message>
        <source>查看下级单位的报送</source>
        <translation>View subordinate units&apos; submissions</translation>
    </message>
    <message>
        <source>为下级单位的报送包出具回执</source>
        <translation>Write receipts for subordinate units&apos; submission packages</translation>
    </message>
    <message>
        <source>向下级单位下发指令和执法监督意见书</source>
        <translation>Send instructions and supervision letters to subordinate units</translation>
    </message>
    <message>
        <source>导入上级来文</source>
        <translation>Import instructions from upper office</translation>
    </message>
    <message>
        <source>查看投诉举报线索</source>
        <translation>View complaint/report leads</translation>
    </message>
    <message>
        <source>登记和办理投诉举报线索</source>
        <translation>Register and handle complaint/report leads</translation>
    </message>
    <message>
        <source>办结、重新办理和删除投诉举报线索</source>
        <translation>Close, reopen and delete complaint/report leads</translation>
    </message>
    <message>
        <source>查看培训台账</source>
        <translation>View training ledger</translation>
    </message>
    <message>
        <source>登记和修改培训记录</source>
        <translation>Register and edit training records</translation>
    </message>
    <message>
        <source>查看工作简报、调度表和案件统计</source>
        <translation>View work briefs, progress tables and case statistics</translation>
    </message>
    <message>
        <source>编写工作简报</source>
        <translation>Write work briefs</translation>
    </message>
    <message>
        <source>审核定稿工作简报</source>
        <translation>Review and finalize work briefs</translation>
    </message>
    <message>
        <source>填写工作调度表</source>
        <translation>Fill in work progress tables</translation>
    </message>
    <message>
        <source>填报案件统计</source>
        <translation>Report case statistics</translation>
    </message>
    <message>
        <source>起草执法监督意见书的答复</source>
        <translation>Draft replies to supervision letters</translation>
    </message>
    <message>
        <source>签发执法监督意见书的答复</source>
        <translation>Issue replies to supervision letters</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>待整改</source>
        <translation>To rectify</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>Rectifying</translation>
    </message>
    <message>
        <source>已整改（待验收）</source>
        <translation>Rectified (awaiting verification)</translation>
    </message>
    <message>
        <source>已销号</source>
        <translation>Struck off</translation>
    </message>
    <message>
        <source>反弹</source>
        <translation>Recurred</translation>
    </message>
    <message>
        <source>自查自纠</source>
        <translation>Self-check</translation>
    </message>
    <message>
        <source>投诉举报</source>
        <translation>Complaint/report</translation>
    </message>
    <message>
        <source>上级督查</source>
        <translation>Inspection by upper office</translation>
    </message>
    <message>
        <source>满意度测评</source>
        <translation>Satisfaction survey</translation>
    </message>
    <message>
        <source>案卷评查</source>
        <translation>Case-file review</translation>
    </message>
    <message>
        <source>执法监督意见书</source>
        <translation>Supervision letter</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>共性</source>
        <extracomment>Channels of a complaint (投诉举报): the 12328 交通运输服务监督电话 and 12345 政务服务热线, the 投诉举报信箱, letters, visits, other calls, the internet (网站、公众号、网络舆情), other. A 投诉举报线索 (models.leads) has one of them, and so has the problem hung from it.</extracomment>
        <translation>Common</translation>
    </message>
    <message>
        <source>个性</source>
        <translation>Unit-specific</translation>
    </message>
</context>
<context>
    <name>receipt_actions</name>
    <message>
        <source>选择上级单位的签章密钥登记文件</source>
        <translation>Choose the upper office&apos;s seal key enrollment file</translation>
    </message>
    <message>
        <source>密钥登记文件 (*.json);;所有文件 (*)</source>
        <translation>Key enrollment files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>登记上级单位</source>
        <translation>Register upper office</translation>
    </message>
    <message>
        <source>上级单位：{name}（{code}）
单位签章密钥指纹：

{fingerprint}

请与上级单位当面或电话核对指纹，完全一致才能登记。登记后，只接受由这个密钥签名的回执。

指纹一致，登记为上级单位？</source>
        <translation>Upper office: {name} ({code})
Unit seal key fingerprint:

{fingerprint}

Compare the fingerprint with the upper office in person or by phone; register it only if it is exactly the same. Once it is registered, only receipts signed with this key are accepted.

The fingerprint matches: register this as the upper office?</translation>
    </message>
    <message>
        <source>已登记上级单位“{name}”（{code}）。
单位签章密钥指纹：{fingerprint}</source>
        <translation>Registered the upper office “{name}” ({code}).
Unit seal key fingerprint: {fingerprint}</translation>
    </message>
    <message>
        <source>同时登记了上级单位的 {n} 个接收公钥：今后的报送包将加密给上级单位。</source>
        <translation>The upper office&apos;s {n} receiving public key(s) were registered too: from now on, submission packages will be encrypted to the upper office.</translation>
    </message>
    <message>
        <source>没有登记上级单位</source>
        <translation>Upper office not registered</translation>
    </message>
    <message>
        <source>选择上级单位出具的回执</source>
        <translation>Choose the receipt written by the upper office</translation>
    </message>
    <message>
        <source>回执文件 (*.json);;所有文件 (*)</source>
        <translation>Receipt files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>回执核验通过，所列报送包已标记为“已送达”。下一个报送包将从最新送达的报送包之后接着报。</source>
        <translation>The receipt was verified, and the submission packages it lists are now marked “Delivered”. The next submission package continues after the latest delivered one.</translation>
    </message>
    <message>
        <source>回执核验通过。所列报送包此前已标记为“已送达”，没有变化。</source>
        <translation>The receipt was verified. The submission packages it lists were already marked “Delivered”; nothing changed.</translation>
    </message>
    <message>
        <source>导入回执</source>
        <translation>Import receipt</translation>
    </message>
    <message>
        <source>回执没有导入</source>
        <translation>Receipt not imported</translation>
    </message>
    <message>
        <source>选择写入回执的文件夹（U 盘）</source>
        <translation>Choose the folder (USB stick) to write the receipt to</translation>
    </message>
    <message>
        <source>出具回执</source>
        <translation>Write receipt</translation>
    </message>
    <message>
        <source>为“{name}”（{code}）已导入、尚未出具回执的报送包出具回执，用本单位签章密钥签名，写入：{folder}
请输入您的签名口令（登录密码）。</source>
        <translation>Write a receipt, signed with the unit seal key, for the imported submission packages of “{name}” ({code}) that have no receipt yet, to: {folder}
Type your signing passphrase (your login password).</translation>
    </message>
    <message>
        <source>签名并写出</source>
        <translation>Sign and write out</translation>
    </message>
    <message>
        <source>回执已写出：
{path}

请把它交给报送单位导入。</source>
        <translation>Receipt written out:
{path}

Give it to the submitting unit to import.</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>不属于专项行动</source>
        <extracomment>The chooser&apos;s entries besides the campaigns (context &quot;reports&quot;).</extracomment>
        <translation>Not in any campaign</translation>
    </message>
    <message>
        <source>全部专项行动</source>
        <translation>All campaigns</translation>
    </message>
</context>
<context>
    <name>reviews</name>
    <message>
        <source>优秀</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>得分低于合格分数线</source>
        <extracomment>Why a recheck (复核) is required.</extracomment>
        <translation>Score below the pass mark</translation>
    </message>
    <message>
        <source>评查人员评定的等次不一致</source>
        <translation>Reviewers gave different grades</translation>
    </message>
    <message>
        <source>未评查</source>
        <translation>Not reviewed</translation>
    </message>
    <message>
        <source>评查中</source>
        <translation>Under review</translation>
    </message>
    <message>
        <source>待复核</source>
        <translation>Awaiting second review</translation>
    </message>
    <message>
        <source>已评查</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>已复核</source>
        <translation>Second review done</translation>
    </message>
    <message>
        <source>初评</source>
        <translation>First review</translation>
    </message>
    <message>
        <source>复核</source>
        <translation>Second review</translation>
    </message>
    <message>
        <source>您已参加初评，复核须由初评以外的评查人员进行。</source>
        <translation>You took part in the first review; the second review must be done by a reviewer other than the first reviewers.</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>执法队员</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>法制审核</source>
        <translation>Legal reviewer</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Chief</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>schedule</name>
    <message>
        <source>未开始</source>
        <extracomment>status -&gt; the name shown (context &quot;schedule&quot;), in the order offered.</extracomment>
        <translation>Not started</translation>
    </message>
    <message>
        <source>推进中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>滞后</source>
        <translation>Behind schedule</translation>
    </message>
</context>
<context>
    <name>selfcheck</name>
    <message>
        <source>符合</source>
        <translation>Conforms</translation>
    </message>
    <message>
        <source>不符合</source>
        <translation>Does not conform</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>填写中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
</context>
<context>
    <name>signing</name>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>单位盖章</source>
        <translation>Unit seal</translation>
    </message>
    <message>
        <source>专项行动</source>
        <extracomment>Content key -&gt; problems column (the person&apos;s name comes from ``people``). Content key -&gt; its label in the ledger (shown for &quot;what changed since signing&quot;).</extracomment>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>问题方面</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>具体表现</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>责任部门</source>
        <translation>Responsible department</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>责任人姓名</source>
        <translation>Responsible person&apos;s name</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>整改完成情况</source>
        <translation>Rectification result</translation>
    </message>
    <message>
        <source>是否取得预期成效</source>
        <translation>Expected effect achieved</translation>
    </message>
    <message>
        <source>是否出现反弹</source>
        <translation>Rebound</translation>
    </message>
    <message>
        <source>反弹问题整改措施和完成情况</source>
        <translation>Rebound measures and result</translation>
    </message>
    <message>
        <source>问题状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>单位负责人签发</source>
        <translation>Issued by the unit chief</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>templates</name>
    <message>
        <source>自查清单</source>
        <translation>Self-check list</translation>
    </message>
    <message>
        <source>案卷评查标准</source>
        <translation>Case-file review standard</translation>
    </message>
</context>
<context>
    <name>training</name>
    <message>
        <source>集中学习</source>
        <extracomment>Seed 002 (宁交执法监〔2024〕30号) 三、(一) 2: 每人每年接受不少于60学时的培训. Where the target comes from, as the forms and the page name it. A certificate whose validity ends within this many days is flagged ``expiring``. A person whose 职务 contains one of these words is 执法辅助人员 (see the module doc). Training form code -&gt; label (context &quot;training&quot;), in the order of seed 002 plus 实践培训.</extracomment>
        <translation>Group study</translation>
    </message>
    <message>
        <source>线上自学</source>
        <translation>Online self-study</translation>
    </message>
    <message>
        <source>法治讲堂</source>
        <translation>Rule-of-law lecture</translation>
    </message>
    <message>
        <source>实践培训</source>
        <translation>Practical training</translation>
    </message>
    <message>
        <source>有效</source>
        <extracomment>Certificate status code -&gt; label (context &quot;training&quot;).</extracomment>
        <translation>Active</translation>
    </message>
    <message>
        <source>暂扣</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>已收回或注销</source>
        <translation>Withdrawn or cancelled</translation>
    </message>
    <message>
        <source>无执法证号</source>
        <extracomment>Certificate flag -&gt; label (context &quot;training&quot;), in the order they are shown.</extracomment>
        <translation>No certificate no.</translation>
    </message>
    <message>
        <source>执法证已过期</source>
        <translation>Certificate expired</translation>
    </message>
    <message>
        <source>执法证 90 天内到期</source>
        <translation>Certificate expires within 90 days</translation>
    </message>
    <message>
        <source>执法证已暂扣</source>
        <translation>Certificate suspended</translation>
    </message>
    <message>
        <source>执法证已收回或注销</source>
        <translation>Certificate withdrawn or cancelled</translation>
    </message>
    <message>
        <source>已达标</source>
        <extracomment>The flags that keep an officer from enforcing alone. standing -&gt; label (context &quot;training&quot;).</extracomment>
        <translation>Target met</translation>
    </message>
    <message>
        <source>进度正常</source>
        <translation>On track</translation>
    </message>
    <message>
        <source>进度落后</source>
        <translation>Behind</translation>
    </message>
    <message>
        <source>严重落后</source>
        <translation>Far behind</translation>
    </message>
    <message>
        <source>未达标</source>
        <translation>Target not met</translation>
    </message>
    <message>
        <source>不适用（执法辅助人员）</source>
        <translation>N/A (auxiliary staff)</translation>
    </message>
</context>
<context>
    <name>units</name>
    <message>
        <source>省级</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>市州</source>
        <translation>City/prefecture</translation>
    </message>
    <message>
        <source>县区</source>
        <translation>County/district</translation>
    </message>
    <message>
        <source>站所</source>
        <translation>Station</translation>
    </message>
</context>
<context>
    <name>xlsx</name>
    <message>
        <source>专项整治问题清单</source>
        <translation>Special campaign problem list</translation>
    </message>
    <message>
        <source>“回头看”清查评估台账</source>
        <translation>Look-back evaluation ledger</translation>
    </message>
</context>
</TS>
