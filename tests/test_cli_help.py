"""Help, usage errors and completion in the run's language.

Every command's ``-h`` in a Chinese run shows no English word but ids, codes, option names,
metavars and the values the user types; with ``--lang en`` no Chinese at all. click's own words
(headings, usage errors with did-you-mean, type errors) come from the catalogue, and a click whose
texts changed fails here rather than printing English. Shell completion is run through the real
entry point, as a shell would.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from deadlines.cli import clicklang, main, settings
from deadlines.cli.formats import FORMATS
from deadlines.messages import section
from tests.test_cli_language import english_words, known_ids

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ENTRY = Path(sys.executable).parent / "deadlines"

# Names with no Chinese form that a Chinese help page writes as they are: the database, the
# spreadsheet, the calendar program and the delivery library the texts tell the clerk about.
PROPER_NAMES = {"SQLite", "Excel", "Outlook", "apprise"}


def context(command: click.Command) -> click.Context:
    """A context as the program makes them (click keeps the help option of the first one a
    command is asked with)."""
    return click.Context(command, help_option_names=["-h", "--help"])


def commands() -> Iterator[tuple[list[str], click.Command]]:
    """Every command and sub-command, as the words that name it."""
    ctx = context(main)

    def walk(group: click.Group, path: list[str]) -> Iterator[tuple[list[str], click.Command]]:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None, name
            yield [*path, name], command
            if isinstance(command, click.Group):
                yield from walk(command, [*path, name])

    yield [], main
    yield from walk(main, [])


COMMANDS = list(commands())
IDS = [" ".join(words) or "deadlines" for words, _ in COMMANDS]
NAMES = {name for words, _ in COMMANDS for name in words}


def typed(command: click.Command) -> set[str]:
    """What a user types or reads as code on this command's help: option names, metavars and the
    values of its choices."""
    ctx = context(command)
    words: set[str] = {"OPTIONS", "COMMAND", "ARGS"}
    for param in command.get_params(ctx):
        words |= {o.lstrip("-") for o in (*param.opts, *param.secondary_opts)}
        words |= set(re.findall(r"[A-Za-z_]+", param.make_metavar(ctx)))
        if isinstance(param.type, click.Choice):
            words |= {str(c) for c in param.type.choices}
    return words


def allowed(words: list[str], command: click.Command) -> set[str]:
    """The words (of Latin letters) this command's Chinese help may show."""
    codes = known_ids() | typed(command) | {k.name for k in settings.KEYS} | PROPER_NAMES
    codes |= {"deadlines", *NAMES, *FORMATS, "NAME", "VALUE", "id"}
    if isinstance(command, click.Group):  # it lists its commands with their arguments
        ctx = context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            codes |= {name} | typed(sub)
    return {w for code in codes for w in WORD.findall(code)}


WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
ENV = re.compile(r"\$[A-Z_]+[\w/.-]*")  # $DEADLINES_CALENDARS/LAYER/YEAR.toml: a name to type


def help_page(words: list[str], *lang: str) -> str:
    result = CliRunner().invoke(main, [*words, "-h", *lang], prog_name="deadlines")
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(("words", "command"), COMMANDS, ids=IDS)
def test_every_help_page_is_chinese_but_for_codes(words: list[str], command: click.Command) -> None:
    page = help_page(words)
    assert page.startswith("用法：") and "选项：" in page, page
    ok = allowed(words, command)
    english = [w for w in english_words(ENV.sub(" ", page), set()) if w not in ok]
    assert english == [], (sorted(set(english)), page)


@pytest.mark.parametrize(("words", "command"), COMMANDS, ids=IDS)
def test_every_help_page_in_english_has_no_chinese(
    words: list[str], command: click.Command
) -> None:
    page = help_page(words, "--lang", "en")
    assert page.startswith("Usage:") and "Options:" in page, page
    assert not CJK.search(page), CJK.findall(page)


def test_each_command_and_option_has_its_own_help() -> None:
    """No command is shown by its function's docstring and no option without a text: each comes
    from the catalogue, and two commands never share one help text."""
    texts = section("help:")
    for words, command in COMMANDS:
        path = " ".join(["deadlines", *words])
        assert f"help:{path}" in texts, path
        for param in command.get_params(context(command)):
            if isinstance(param, click.Option):
                assert clicklang.option_key(path, param) in texts, (path, param.opts)
    own = [v["en"] for k, v in texts.items() if " --" not in k and not k.startswith("help:--")]
    assert len(own) == len(set(own))


def test_the_language_of_help_is_known_before_click_parses(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["-h"]).stdout.startswith("用法：")
    # --lang before the command, after it, or after -h; the environment; deadlines.toml
    for args in (["--lang", "en", "due", "-h"], ["due", "-h", "--lang=en"], ["-h", "--lang", "en"]):
        assert runner.invoke(main, args).stdout.startswith("Usage:"), args
    assert runner.invoke(main, ["due", "-h"], env={"DEADLINES_LANG": "en"}).stdout.startswith(
        "Usage:"
    )
    config = tmp_path / "deadlines.toml"
    config.write_text('lang = "en"\n', encoding="utf-8")
    page = runner.invoke(main, ["--config", str(config), "rules", "list", "-h"]).stdout
    assert page.startswith("Usage:") and "Every rule: id, REF code" in page
    # --lang on the command line beats the configuration
    page = runner.invoke(main, ["--config", str(config), "rules", "-h", "--lang", "zh"]).stdout
    assert page.startswith("用法：")


def test_chinese_help_lines_fit_the_terminal() -> None:
    """click measures a line by characters; a Chinese character takes two columns."""
    from deadlines.cli.formats import width

    for words in (["due"], ["calendar", "import-notice"], []):
        page = CliRunner().invoke(main, [*words, "-h"], terminal_width=80).stdout
        too_wide = [line for line in page.splitlines() if width(line) > 80]
        assert too_wide == [], too_wide


def test_wrapping_keeps_punctuation_and_quotes_with_their_words() -> None:
    lines = clicklang.wrap("规则名称中的词('留抵退税')：每条匹配的规则", 14)
    assert lines == ["规则名称中的词", "('留抵退税')：", "每条匹配的规则"]
    assert clicklang.wrap("a credit.small-loan rule", 10) == ["a", "credit.small-loan", "rule"]


# --- usage errors --------------------------------------------------------------------------------
# arguments, exit code, the Chinese and the English of the one line on stderr (what was wrong and
# what is accepted, or the closest name)
USAGE_ERRORS = [
    (
        ["remnd"],
        "没有 'remnd' 这个命令。 您要的是不是 'remind', 'send'？",
        "No such command 'remnd'. (Did you mean one of: 'remind', 'send'?)",
    ),
    (
        ["calendar", "mnth"],
        "没有 'mnth' 这个命令。 您要的是不是 'month'？",
        "No such command 'mnth'. Did you mean 'month'?",
    ),
    (
        ["rules", "list", "--formt", "json"],
        "没有 '--formt' 这个选项。 您要的是不是 '--bom', '--format'？",
        "No such option '--formt'. (Did you mean one of: '--bom', '--format'?)",
    ),
    (
        ["due", "3wd", "--frm", "2026-01-01"],
        "没有 '--frm' 这个选项。 您要的是不是 '--before', '--format', '--from'？",
        "No such option '--frm'.",
    ),
    (["due"], "缺少参数 'PERIOD|RULE|WORDS'", "Missing argument 'PERIOD|RULE|WORDS'"),
    (
        ["case", "close", "ZX-1", "--reason", "结案"],
        "缺少选项 '--on'",
        "Missing option '--on'",
    ),
    (
        ["user", "add", "clerk1"],
        "缺少选项 '--role'；可选：clerk, supervisor, admin",
        "Missing option '--role'; accepted: clerk, supervisor, admin",
    ),
    (
        ["due", "3wd", "--from", "2026-01-01", "--periods", "x"],
        "'--periods' 的值无效：'x' 不可用；应为 1 到 120 之间的整数",
        "Invalid value for '--periods': 'x' is not accepted; give a whole number from 1 to 120",
    ),
    (
        ["remind", "--ahead", "31"],
        "'--ahead' 的值无效：'31' 不可用；应为 0 到 30 之间的整数",
        "a whole number from 0 to 30",
    ),
    (
        ["case", "list", "--status", "closd"],
        "'--status' 的值无效：'closd' 不在可选值之内：open, closed, overdue",
        "Invalid value for '--status': 'closd' is not one of open, closed, overdue",
    ),
    (
        ["calendar", "day", "2026-02-30"],
        "'DAY' 的值无效：'2026-02-30' 不是有效日期（日期不存在）",
        "Invalid value for 'DAY': '2026-02-30' is not a real date (no such day)",
    ),
    (
        ["kinds", "extra"],
        "多出了此命令不接受的参数（extra）",
        "Got unexpected extra argument (extra)",
    ),
    (
        ["due", "3wd", "--from"],
        "选项 '--from' 后面缺少值。",
        "Option '--from' requires an argument.",
    ),
    (["kinds", "--json=yes"], "选项 '--json' 不带值。", "Option '--json' does not take a value."),
    (
        ["due", "-3d", "--from", "2026-01-01"],
        "期限 '-3d' 为负数；请给出正的长度：方向由 --from(起算日之后)或 --before(届满日之前)决定",
        "period '-3d' is negative; give a positive length",
    ),
    (
        ["due", "3x", "--from", "2026-01-01"],
        "无法理解期限 '3x'；可接受：整数个工作日、日、月或年，如 '20个工作日'",
        "period '3x' is not understood; accepted: a whole number of working days",
    ),
    (
        ["next", "ZX-1", "--as-of", "1999-01-01"],
        "'1999-01-01' 不在日历范围之内；可接受：2004-01-01 至 2099-12-31",
        "'1999-01-01' is outside the calendars; accepted: 2004-01-01 to 2099-12-31",
    ),
    (
        ["due", "留抵退税", "--from", "2026-09-28", "--fact", "manufacturing"],
        "'manufacturing'：应为 NAME=VALUE，如 manufacturing=true",
        "'manufacturing': expected NAME=VALUE, e.g. manufacturing=true",
    ),
    (
        ["rules", "check", "no/such/file.toml"],
        "'no/such/file.toml' 不存在。",
        "Path 'no/such/file.toml' does not exist.",
    ),
]


@pytest.mark.parametrize(
    ("args", "zh", "en"), USAGE_ERRORS, ids=[" ".join(a) for a, *_ in USAGE_ERRORS]
)
def test_a_usage_error_is_one_line_in_the_runs_language(args: list[str], zh: str, en: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and result.stdout == "", result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("错误：") and zh in line, line
    assert line.endswith(" --help'）"), line  # where the help is
    # the values the user gave (quoted or not) and the names and values they may type
    said = re.sub(r"'[^']*'", "", line)
    typed_anywhere = {w for _, c in COMMANDS for t in typed(c) for w in WORD.findall(t)}
    ok = typed_anywhere | {w for a in args for w in WORD.findall(a)} | {"NAME", "VALUE", "true"}
    assert [w for w in english_words(said, set()) if w not in ok] == [], line

    result = CliRunner().invoke(main, ["--lang", "en", *args])
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ") and en in line, line
    assert not CJK.search(line), line


def test_a_bare_group_shows_its_help_in_the_runs_language() -> None:
    result = CliRunner().invoke(main, ["case"])
    assert result.exit_code == 2 and result.stderr.startswith("用法：")
    assert "list    案件列表" in result.stderr
    result = CliRunner().invoke(main, ["case"], env={"DEADLINES_LANG": "en"})
    assert result.stderr.startswith("Usage:") and "list    The cases" in result.stderr


def test_the_version_speaks_the_runs_language() -> None:
    assert "，版本 " in CliRunner().invoke(main, ["--version"]).stdout
    assert ", version " in CliRunner().invoke(main, ["--version", "--lang", "en"]).stdout


def test_the_password_prompt_speaks_the_runs_language(tmp_path: Path) -> None:
    """user add on a terminal: the prompt, click's repeat and its mismatch, all in Chinese."""
    import pty
    import select

    db = tmp_path / "t.db"
    assert CliRunner().invoke(main, ["init", "--db", str(db)]).exit_code == 0
    master, terminal = pty.openpty()
    args = [str(ENTRY), "user", "add", "zhang", "--role", "supervisor", "--db", str(db)]
    proc = subprocess.Popen(args, stdin=terminal, stdout=terminal, stderr=terminal)
    os.close(terminal)
    seen = ""

    def wait_for(mark: str, times: int = 1) -> None:
        nonlocal seen
        for _ in range(200):  # 20 s at most
            if seen.count(mark) >= times:
                return
            if select.select([master], [], [], 0.1)[0]:
                seen += os.read(master, 4096).decode("utf-8", "replace")
        raise AssertionError(seen)

    try:
        for answer, mark, times in (
            (b"abc\n", "密码：", 1),
            (b"abd\n", "再输入一次以确认：", 1),
            (b"correct-horse-battery-staple\n", "密码：", 2),
            (b"correct-horse-battery-staple\n", "再输入一次以确认：", 2),
        ):
            wait_for(mark, times)
            os.write(master, answer)
        wait_for("zhang")  # the account is added
        assert proc.wait(timeout=20) == 0, seen
        assert "错误：两次输入的不一致。" in seen, seen
    finally:
        proc.kill()
        os.close(master)


# --- click's texts and the catalogue -------------------------------------------------------------
# click texts this program never shows, and why
NOT_SHOWN = {
    # help option and version option: their help is the catalogue's (help:--help, help:--version)
    "Show this message and exit.",
    "Show the version and exit.",
    # a missing parameter is said by deadlines.cli itself (click ends it with an English stop)
    "Missing argument",
    "Missing option",
    "Missing parameter",
    "Missing {param_type}",
    "Missing parameter: {param_name}",
    "Choose from:\n\t{choices}",
    # "Error: " is the catalogue's cli.error; Abort is cli.aborted; --version is the program's own
    "Aborted!",
    "%(prog)s, version %(version)s",
    # no command or option is deprecated, hidden behind a prompt we do not use, or of these types
    "deprecated",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    "Do you want to continue?",
    "Confirm the action without prompting.",
    "Press any key to continue...",
    "{value!r} is not a valid boolean. Recognized values: {states}",
    "{value!r} is not a valid UUID.",
    "{value!r} does not match the format {format}.",
    "{len_type} values are required, but {len_value} was given.",
    "Takes {nargs} values but 1 was given.",
    "Argument {name!r} takes {nargs} values.",
    "Value must be an iterable.",
    "Could not open file {filename!r}: {message}",
    "unknown error",
    "Choice({choices})",
    "file",
    "directory",
    "path",
    # mistakes in a program's own declarations, not a user's
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Invalid start character for option ({option})",
    "Unknown color {colour!r}",
}


def click_texts() -> set[str]:
    """Every text click's modules mark for translation (the singular of a plural pair)."""
    found: set[str] = set()
    folder = Path(click.__file__).parent
    for name in clicklang._MODULES:
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    return found | {"required"}  # an option's help shows _(extra["required"])


def test_every_click_text_a_user_can_meet_is_in_the_catalogue() -> None:
    ours = {
        e["en"][0] if isinstance(e["en"], tuple) else e["en"] for e in section("click.").values()
    }
    texts = click_texts()
    assert texts - ours - NOT_SHOWN == set()
    assert ours - texts == set(), "the catalogue translates texts this click no longer has"


def test_click_plurals_are_english_only() -> None:
    """``ngettext`` picks English's form by count; Chinese has one."""
    from deadlines.cli.formats import choose_lang

    choose_lang("en")
    assert clicklang.ngettext("Got unexpected extra argument ({args})", "x {args}", 2) == "x {args}"
    choose_lang("zh")
    zh = clicklang.ngettext("Got unexpected extra argument ({args})", "x", 2)
    assert zh == "多出了此命令不接受的参数（{args}）"


# --- the help table costs nothing on an ordinary run ---------------------------------------------
PROBE = """
import sys
from deadlines.cli import main
sys.argv = ["deadlines", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("\\n", sorted(m for m in sys.modules if m.startswith("deadlines.")), file=sys.stderr)
"""


def loaded_tables(*args: str, **env: str) -> str:
    """The package's modules a run with ``args`` imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )
    return done.stderr.splitlines()[-1]


def test_help_texts_are_read_only_when_help_is_shown() -> None:
    assert "deadlines.messages.help" not in loaded_tables("due", "3wd", "--from", "2026-05-26")
    assert "deadlines.messages.help" in loaded_tables("due", "-h")
    # click's own words are read by a Chinese run only (click asks for one on every run)
    english = loaded_tables("due", "3wd", "--from", "2026-05-26", "--lang", "en")
    assert "deadlines.messages.usage" not in english


# --- shell completion ----------------------------------------------------------------------------
def complete(shell: str, line: str, **env: str) -> list[str]:
    """What the shell would offer after ``line`` (COMP_WORDS / COMP_CWORD as click documents)."""
    words = line.split(" ")
    environ = {
        **os.environ,
        "_DEADLINES_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
        **env,
    }
    done = subprocess.run(
        [str(ENTRY)], env=environ, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.splitlines()


def bash(line: str) -> set[str]:
    return {item.partition(",")[2] for item in complete("bash", line)}


def test_completion_offers_commands_options_and_choices() -> None:
    assert bash("deadlines re") == {"recompute", "remind"}
    assert bash("deadlines calendar m") == {"month"}
    assert bash("deadlines case ") == {"add", "close", "fact", "list", "reopen", "show", "unit"}
    assert bash("deadlines due 3wd --fr") == {"--from"}
    assert bash("deadlines due 3wd --calendar ") == {"cn", "cn-nx"}
    assert bash("deadlines rules list --format js") == {"json", "jsonl"}
    assert bash("deadlines case list --status o") == {"open", "overdue"}


def test_completion_shows_help_in_the_runs_language() -> None:
    """zsh (and fish) show each candidate's help beside it: value, then help, per candidate."""
    zh = complete("zsh", "deadlines remi")
    assert zh == [
        "plain",
        "remind",
        "当日的通知，按责任单位分组：提醒、即将到期、今日到期、逾期、期限变更、期限取消和期限待定。",
    ]
    en = complete("zsh", "deadlines remi", DEADLINES_LANG="en")
    assert en[2].startswith("The day's notices, grouped by responsible unit")
    option = complete("zsh", "deadlines due 3wd --stri")
    assert option == ["plain", "--strict", "遇到尚未公布假日安排的年份时拒绝作答，而不给暂定答案。"]


def test_completing_an_option_imports_only_its_command() -> None:
    """A tab press costs what running the command does: no other command's module is imported."""
    env = {"_DEADLINES_COMPLETE": "zsh_complete", "COMP_WORDS": "deadlines due --fr"}
    loaded = loaded_tables(**env, COMP_CWORD="2")
    assert "deadlines.cli.due_cmd" in loaded and "deadlines.cli.web_cmd" not in loaded


def test_the_completion_scripts_are_there() -> None:
    for shell, mark in (
        ("bash", "complete -o"),
        ("zsh", "compdef"),
        ("fish", "complete --no-files --command deadlines"),
    ):
        environ = {**os.environ, "_DEADLINES_COMPLETE": f"{shell}_source"}
        done = subprocess.run([str(ENTRY)], env=environ, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and mark in done.stdout, done.stderr
