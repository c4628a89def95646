"""The store as a file: a lock, a full or failing disk, a read-only or damaged file, a path that
is not a store. The English texts are the ones these errors always said; SQLite's own words are
given in English only (the Chinese names its error code instead)."""

from __future__ import annotations

from deadlines.messages import Table

_RESTORE_ZH = "请运行 `deadlines check --db {path}`，并从备份恢复(见 README 中备份与恢复一节)"
_RESTORE_EN = (
    "run `deadlines check --db {path}` and restore it from a backup (README: Backup and restore)"
)

MESSAGES: Table = {
    "store.at": {"zh": "存储 {path}", "en": "store {path}"},
    "store.at_doing": {"zh": "存储 {path}：{doing}", "en": "store {path}: {doing}"},
    "store.doing.reading": {"zh": "读取", "en": "reading"},
    "store.doing.starting a write": {"zh": "开始写入", "en": "starting a write"},
    "store.doing.writing": {"zh": "写入", "en": "writing"},
    "store.doing.commit": {"zh": "提交", "en": "commit"},
    "store.doing.opening": {"zh": "打开", "en": "opening"},
    "store.doing.creating the backup": {"zh": "创建备份", "en": "creating the backup"},
    "store.doing.writing the backup": {"zh": "写入备份", "en": "writing the backup"},
    "store.said": {"zh": "SQLite 错误码 {code}", "en": "SQLite says: {msg}"},
    "store.full": {
        "zh": "{at}失败：磁盘已满({said})；未写入任何内容：请腾出空间后再运行",
        "en": "{at} failed: the disk is full ({said}); nothing was written: free space and run "
        "again",
    },
    "store.readonly": {
        "zh": "{at}失败：存储为只读({said})；写入需要对该文件及其所在文件夹有写权限(SQLite 会在"
        "旁边建立 -wal 和 -shm 文件)",
        "en": "{at} failed: the store is read-only ({said}); writing needs write permission on "
        "the file and its folder (SQLite keeps -wal and -shm files beside it)",
    },
    "store.busy": {
        "zh": "{at}失败：被另一个进程锁定({said})；请稍后重试",
        "en": "{at} failed: locked by another process ({said}); try again",
    },
    "store.worker_died": {
        "zh": "重新计算的一个工作进程意外退出(被终止或内存不足)；存储未作任何更改。请重试，"
        "或用 --jobs 1 只在本进程中计算",
        "en": "a worker process of the recompute ended unexpectedly (killed, or out of memory); "
        "nothing was written to the store. Try again, or use --jobs 1 to compute in this "
        "process alone",
    },
    "store.not_sqlite": {
        "zh": "{path} 不是 SQLite 文件，因此不是 deadlines 存储；请用 --db 给出其他路径",
        "en": "{path} is not an SQLite file, so not a deadlines store; give another --db path",
    },
    "store.damaged": {
        "zh": "{at}：文件已损坏({said})；" + _RESTORE_ZH,
        "en": "{at}: the file is damaged ({said}); " + _RESTORE_EN,
    },
    "store.cantopen": {
        "zh": "无法打开存储 {path}({said})；{advice}",
        "en": "cannot open store {path} ({said}); {advice}",
    },
    "store.advice.unreadable": {
        "zh": "文件不可读：请检查其权限",
        "en": "the file is not readable: check its permissions",
    },
    "store.advice.no_folder": {
        "zh": "其所在文件夹 {folder} 不存在：请创建它，或用 --db 给出其他路径",
        "en": "its folder {folder} does not exist: create it, or give another --db path",
    },
    "store.advice.readonly_folder": {
        "zh": "其所在文件夹 {folder} 为只读，而 SQLite 需要在那里建立 -wal 和 -shm 文件：请使该"
        "文件夹可写，或把存储复制到别处(deadlines backup)",
        "en": "its folder {folder} is read-only and SQLite needs to create the -wal and -shm "
        "files there: make the folder writable, or copy the store (deadlines backup) elsewhere",
    },
    "store.advice.check": {
        "zh": "请检查路径及其权限",
        "en": "check the path and its permissions",
    },
    "store.ioerr": {
        "zh": "{at}失败：磁盘报告错误({said})；请检查磁盘",
        "en": "{at} failed: the disk reported an error ({said}); check the disk",
    },
    "store.failed": {"zh": "{at}失败({said})", "en": "{at} failed ({said})"},
    "store.locked_waited": {
        "zh": "存储 {path} 被另一个进程锁定(已等待 {seconds:g} 秒)；请待其完成后重试",
        "en": "store {path} is locked by another process (waited {seconds:g} s); try again when "
        "it has finished",
    },
    "store.locked": {
        "zh": "存储 {path} 被另一个进程锁定；请稍后重试",
        "en": "store {path} is locked by another process; try again",
    },
    "store.no_wal": {
        "zh": "存储 {path}：无法切换到 WAL 模式(得到 {mode!r})",
        "en": "store {path}: cannot switch to WAL mode (got {mode!r})",
    },
    "store.directory": {
        "zh": "{path} 是文件夹，不是 deadlines 存储；请给出文件路径",
        "en": "{path} is a directory, not a deadlines store; give a file path",
    },
    "store.empty": {
        "zh": "{path} 是空数据库：请先运行 `deadlines init --db {path}`",
        "en": "{path} is an empty database: run `deadlines init --db {path}` first",
    },
    "store.newer": {
        "zh": "存储 {path} 的结构版本为 {version}，比本程序的 {ours} 新；请升级 deadlines 程序包后再使用",
        "en": "store {path} has schema version {version}, newer than this program's {ours}; "
        "upgrade the deadlines package to use it",
    },
    "store.foreign": {
        "zh": "{path} 是 SQLite 文件，但不是 deadlines 存储(没有 {table} 表)；请用 --db 给出其他路径",
        "en": "{path} is an SQLite file but not a deadlines store (no {table} table); give "
        "another --db path",
    },
    "store.quick_check": {
        "zh": "存储 {path}：文件已损坏(SQLite quick_check 发现问题)；" + _RESTORE_ZH,
        "en": "store {path}: the file is damaged (SQLite quick_check: {problem}); " + _RESTORE_EN,
    },
    "store.bad_versions": {
        "zh": "存储 {path}：文件已损坏(其结构版本表为 {versions}，不是本程序写入的 1..N)；"
        + _RESTORE_ZH,
        "en": "store {path}: the file is damaged (its schema version table reads {versions}, not "
        "the versions 1..N this program wrote); " + _RESTORE_EN,
    },
    "store.no_file": {
        "zh": "{path} 处没有存储文件；请用 --db 给出 deadlines 存储的路径",
        "en": "no store file at {path}; give the path of a deadlines store with --db",
    },
    "store.backup_exists": {
        "zh": "{path} 已存在；请为备份给出新的文件名",
        "en": "{path} exists; give a new file name for the backup",
    },
    "store.busy_env": {
        "zh": "DEADLINES_BUSY_TIMEOUT={text!r} 不是秒数；可接受：0 至 {max:g}，例如 5",
        "en": "DEADLINES_BUSY_TIMEOUT={text!r} is not a number of seconds; accepted: 0 to "
        "{max:g}, e.g. 5",
    },
    "store.busy_range": {
        "zh": "等待时间 {seconds!r} 超出范围；可接受：0 至 {max:g} 秒",
        "en": "busy timeout {seconds!r} is out of range; accepted: 0 to {max:g} seconds",
    },
    # the rule and calendar folders a store computes with, against the environment's
    "config.changed": {
        "zh": "存储 {path}：{what}自其日期计算以来已改变；请运行 `deadlines recompute` 采用新内容，并查看每个变动的日期",
        "en": "store {path}: the {what} changed since its dates were computed; run "
        "`deadlines recompute` to adopt them and see every date that moves",
    },
    "config.changed.rules": {"zh": "规则({where})", "en": "rules in {where}"},
    "config.changed.calendars": {"zh": "日历({where})", "en": "calendars in {where}"},
    "config.changed.both": {"zh": "{a}和{b}", "en": "{a} and the {b}"},
    "config.env_rules": {
        "zh": "存储 {path} 使用的规则来自 {stored}，但 ${env} 指定 {said}；请取消该变量，"
        "或用 `deadlines recompute --rules DIR` 采用它(会报告哪些日期变动)",
        "en": "store {path} computes with rules from {stored}, but ${env} says {said}; unset it, "
        "or adopt it with `deadlines recompute --rules DIR` (which reports what moves)",
    },
    "config.env_calendars": {
        "zh": "存储 {path} 使用的日历来自 {stored}，但 ${env} 指定 {said}；请取消该变量，"
        "或用 `deadlines recompute --calendars DIR` 采用它(会报告哪些日期变动)",
        "en": "store {path} computes with calendars from {stored}, but ${env} says {said}; unset "
        "it, or adopt it with `deadlines recompute --calendars DIR` (which reports what moves)",
    },
    "config.none": {"zh": "无", "en": "none"},
    "config.already": {
        "zh": "存储 {path} 已在使用来自 {rules} 的规则和来自 {calendars} 的日历；"
        "请用 `deadlines recompute --rules DIR --calendars DIR` 更改，它会报告哪些日期变动",
        "en": "store {path} already computes with rules from {rules} and calendars from "
        "{calendars}; change them with `deadlines recompute --rules DIR --calendars DIR`, which "
        "reports what moves",
    },
}
