"""Web accounts on the command line (``deadlines user add | list``) and ``deadlines serve``'s
own lines: what was added, the list's heads, the refusals of a new account."""

from __future__ import annotations

from deadlines.messages import Table

MESSAGES: Table = {
    "user.added": {"zh": "已添加{role} {name}", "en": "added {role} {name}"},
    "user.added_unit": {"zh": "已添加{role} {name}({unit})", "en": "added {role} {name} ({unit})"},
    "user.unit_unknown": {
        "zh": "提示：还没有哪个案件的责任单位是 {unit!r}；请检查拼写",
        "en": "note: no case has unit {unit!r} yet; check the spelling",
    },
    "user.no_password": {
        "zh": "标准输入中没有密码；请给出一行密码",
        "en": "no password on standard input; give it as one line",
    },
    "user.head.name": {"zh": "用户名", "en": "NAME"},
    "user.head.role": {"zh": "角色", "en": "ROLE"},
    "user.head.unit": {"zh": "责任单位", "en": "UNIT"},
    "user.bad_name": {
        "zh": "用户名 {name!r} 不可用；可接受：不含空格的非空名称",
        "en": "bad user name {name!r}; accepted: a non-empty name without spaces",
    },
    "user.bad_role": {
        "zh": "未知角色 {role!r}；可用：{roles}",
        "en": "unknown role {role!r}; accepted: {roles}",
    },
    "user.clerk_needs_unit": {
        "zh": "经办人需要 --unit：其负责案件的责任单位",
        "en": "a clerk needs --unit: the responsible unit whose cases they keep",
    },
    "user.short_password": {
        "zh": "密码只有 {n} 个字符；至少需要 {min} 个",
        "en": "the password has {n} characters; accepted: at least {min}",
    },
    "user.exists": {
        "zh": "用户 {name!r} 已存在；请换一个名称",
        "en": "user {name!r} already exists; choose another name",
    },
    "serve.serving": {
        "zh": "正在 http://{host}:{port}/ 上提供 {db} (按 Ctrl-C 停止)",
        "en": "serving {db} on http://{host}:{port}/ (Ctrl-C stops)",
    },
    "serve.the_store": {"zh": "存储", "en": "the store"},
}
