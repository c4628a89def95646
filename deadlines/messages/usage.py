"""click's own words: the help page's headings, its usage errors and its type errors.

Each English entry is click's text exactly as click marks it for gettext (placeholders included):
:mod:`deadlines.cli.clicklang` looks click's English up here and hands click the text of the run's
language, which click then fills in. A click upgrade that rewords one of these is caught by
tests/test_cli_help.py, which reads click's source.
"""

from __future__ import annotations

from deadlines.messages import Table

MESSAGES: Table = {
    # --- the help page --------------------------------------------------------------------------
    "click.usage": {"zh": "用法：", "en": "Usage:"},
    "click.options": {"zh": "选项", "en": "Options"},
    "click.commands": {"zh": "命令", "en": "Commands"},
    "click.arguments": {"zh": "位置参数", "en": "Positional arguments"},
    "click.default": {"zh": "默认：{default}", "en": "default: {default}"},
    "click.dynamic": {"zh": "（随配置而定）", "en": "(dynamic)"},
    "click.env_var": {"zh": "环境变量：{var}", "en": "env var: {var}"},
    "click.required": {"zh": "必填", "en": "required"},
    # --- usage errors ---------------------------------------------------------------------------
    "click.error": {"zh": "错误：{message}", "en": "Error: {message}"},
    "click.try_help": {
        "zh": "运行 '{command} {option}' 查看帮助。",
        "en": "Try '{command} {option}' for help.",
    },
    "click.no_command": {"zh": "没有 {name!r} 这个命令。", "en": "No such command {name!r}."},
    "click.no_option": {"zh": "没有 {name!r} 这个选项。", "en": "No such option {name!r}."},
    "click.did_you_mean": {
        "zh": "您要的是不是 {possibilities}？",
        "en": ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    },
    "click.missing_command": {"zh": "缺少命令。", "en": "Missing command."},
    "click.invalid_for": {
        "zh": "{param_hint} 的值无效：{message}",
        "en": "Invalid value for {param_hint}: {message}",
    },
    "click.invalid": {"zh": "值无效：{message}", "en": "Invalid value: {message}"},
    "click.extra_args": {
        "zh": "多出了此命令不接受的参数（{args}）",
        "en": ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    },
    "click.needs_value": {
        "zh": "选项 {name!r} 后面缺少值。",
        "en": (
            "Option {name!r} requires an argument.",
            "Option {name!r} requires {nargs} arguments.",
        ),
    },
    "click.takes_no_value": {
        "zh": "选项 {name!r} 不带值。",
        "en": "Option {name!r} does not take a value.",
    },
    # --- values (click's Path type names its kind, file or directory, when it is made, at import,
    # so its name is not translated; the Chinese says what is wrong without it) ------------------
    "click.not_choice": {
        "zh": "{value!r} 不在可选值之内：{choices}。",
        "en": ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    },
    "click.not_number": {
        "zh": "{value!r} 不是有效的数字。",
        "en": "{value!r} is not a valid {number_type}.",
    },
    "click.out_of_range": {
        "zh": "{value} 不在范围 {range} 之内。",
        "en": "{value} is not in the range {range}.",
    },
    "click.path.missing": {
        "zh": "{filename!r} 不存在。",
        "en": "{name} {filename!r} does not exist.",
    },
    "click.path.is_file": {
        "zh": "{filename!r} 是文件，不是文件夹。",
        "en": "{name} {filename!r} is a file.",
    },
    "click.path.is_dir": {
        "zh": "{filename!r} 是文件夹，不是文件。",
        "en": "{name} {filename!r} is a directory.",
    },
    "click.path.unreadable": {
        "zh": "{filename!r} 不可读。",
        "en": "{name} {filename!r} is not readable.",
    },
    "click.path.unwritable": {
        "zh": "{filename!r} 不可写。",
        "en": "{name} {filename!r} is not writable.",
    },
    "click.path.not_executable": {
        "zh": "{filename!r} 不可执行。",
        "en": "{name} {filename!r} is not executable.",
    },
    # --- prompts (deadlines user add) -----------------------------------------------------------
    "click.repeat": {"zh": "再输入一次以确认", "en": "Repeat for confirmation"},
    "click.no_match": {
        "zh": "错误：两次输入的不一致。",
        "en": "Error: The two entered values do not match.",
    },
    "click.bad_input": {"zh": "错误：输入无效", "en": "Error: invalid input"},
    "click.aborted": {"zh": "已中止！", "en": "Aborted!"},
}
