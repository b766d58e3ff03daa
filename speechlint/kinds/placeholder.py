"""placeholder: report template slots left unfilled (×月×日, XX市, ____年, 【单位名称】), like
`existence`, except inside a blank form or a sample of an attachment.

A policy document often carries, as an attachment (附件), a form for the applicant to fill in
(申请表, 承诺书, 协议书, 通知书) or a sample of a document (样式, 式样, 模板, 范本). Its blanks,
its empty dates (年  月  日), its bracketed instructions (（单位名称）, （盖章）) and its sample
numbers (20XX年  第XXX号) are meant for the reader and are correct. Such a form starts at an
attachment heading (a line holding only 附件, 附件2, 附件3-1 …) whose title, in the next few short
lines, names a form or a sample, or at a short heading line naming a sample ((样式), 格式样本;
not a bare 通知模板, what a download site calls the template it offers);
it runs to the next attachment heading or to the end of the document. Matches inside it are
not reported (unless `in-forms` is true). Nor is a writing guide's illustration of a form
(如《××公司20XX年度工作总结》, 在XX活动（或XX工作）中的体会): see ILLUSTRATION_BEFORE."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import FrozenSet, Iterator, Optional, Sequence

import regex

from speechlint.diagnostics import Finding
from speechlint.kinds import existence

OPTIONS = {"tokens": "list of strings", "patterns": "list of strings", "ignore-case": "bool",
           "exceptions": "list of strings", "in-forms": "bool"}
FIELDS = ("match",)

_S = r"[\s\u3000]"
ATTACHMENT = regex.compile(
    rf"^{_S}*附{_S}*件{_S}*(?:[0-9０-９一二三四五六七八九十]{{1,3}}(?:[-－—–][0-9０-９]{{1,2}}){{0,2}}{_S}*[:：]?)?{_S}*$",
    regex.V1)
# the list of attachments (附件：1．…  2．…) or a numbered item: not a title
LIST_ITEM = regex.compile(rf"^{_S}*(?:附{_S}*件{_S}*[:：]|[0-9０-９]{{1,2}}{_S}*[.．、])", regex.V1)
_NOTE = r"(?:[（(][^（）()]{0,20}[）)])?"
# the title of a form for its reader to fill in, or of a sample
FORM_TITLE = regex.compile(
    r"(?:(?:申请|申报|登记|报名|推荐|审批|审核|备案|统计|调查|汇总|信息|情况|评分|评价|测评|意见|反馈|回执|确认)表"
    r"|(?:申请|申报|承诺|协议|责任|通知|声明|委托|授权|任务|合同|意向|推荐)书|回执|声明|证明|凭证"
    r"|(?:登记|报名|回执|申请|审批)单|样式|式样|样本|样张|模板|范本|格式)"
    rf"{_NOTE}{_S}*$"
    r"|[（(【〔\[](?:参考)?(?:样式|式样|样本|样张|模板|范本|格式|格式样本)[）)】〕\]]",
    regex.V1)
# a heading line that opens a sample wherever it stands: （样式）, 公文格式样本, 文书样式2. A bare
# 通知模板 or 讲话稿范本 (what a download site calls the text it offers) opens no sample: its slots
# are the ones a writer who copied it has to fill (under an attachment heading it is a sample)
SAMPLE_HEADING = regex.compile(
    rf"^{_S}*[^。；！？]{{0,24}}?(?:[（(【〔\[](?:参考)?(?:样式|式样|样本|样张|模板|范本)[）)】〕\]]|格式样本|(?:文书|文本|公文)(?:样式|格式)|(?:样式|式样|样本){_S}*[0-9０-９一二三四五六七八九十]{{0,2}}){_S}*[:：]?{_S}*$",
    regex.V1)
# A writing guide's illustration of a form: its ×× and XX stand for any name, on purpose.
# - inside a quotation or title that an example opens: 如《××公司20XX年度工作总结》,
#   标题一般为“在XX活动中的体会” (not 会议主题为“×××”, a slot of the writer's own text);
# - after a line's 形式：/格式： (标题可以采用以下几种形式：在XX活动中的心得体会);
# - offered with an alternative in brackets: 在XX活动（或XX工作）中 (a filled text chooses).
ILLUSTRATION_BEFORE = regex.compile(
    r"(?:(?:例如|比如|譬如|如|即)[:：，,]?|(?:一般|通常|可以|可|多)(?:为|是|写成|写作|采用)[:：]?)"
    r"[ \u3000]*[《“‘「‚\"'][^《》“”‘’「」。；！？\"']{0,40}$"
    r"|(?:形式|格式|写法)[:：][^。；！？]{0,40}$"
    r"|[（(]或[^（）()]{0,8}$",
    regex.V1)
ILLUSTRATION_AFTER = regex.compile(r"[^，,。；！？（）()]{0,8}?[（(]或", regex.V1)
ILLUSTRATION_WINDOW = 48  # characters before a match searched for what opens an illustration
TITLE_LINES = 5      # non-blank lines after an attachment heading searched for its title
TITLE_LENGTH = 40    # a longer line is body text: the title has ended


@dataclass(frozen=True)
class Options:
    base: existence.Options
    in_forms: bool


def prepare(options) -> Options:
    base = existence.prepare({key: value for key, value in options.items() if key != "in-forms"})
    return Options(base, bool(options.get("in-forms", False)))


def zero_width(opts: Options, texts) -> Optional[str]:
    return existence.zero_width(opts.base, texts)


def _names_a_form(lines: Sequence[str], start: int) -> bool:
    seen = 0
    for line in lines[start:]:
        text = line.strip(" \t\u3000\u00a0")
        if not text:
            continue
        if len(text) > TITLE_LENGTH or ATTACHMENT.match(text) or LIST_ITEM.match(text):
            return False
        if FORM_TITLE.search(text):
            return True
        seen += 1
        if seen >= TITLE_LINES:
            return False
    return False


def form_lines(lines: Sequence[str]) -> FrozenSet[int]:
    """Indices of the lines that belong to a blank form or a sample (see the module's doc)."""
    inside = set()
    in_form = False
    for no, line in enumerate(lines):
        if ATTACHMENT.match(line):
            in_form = _names_a_form(lines, no + 1)
        elif not in_form and len(line.strip()) <= 30 and SAMPLE_HEADING.match(line) and not LIST_ITEM.match(line):
            in_form = True
        if in_form:
            inside.add(no)
    return frozenset(inside)


def check(opts: Options, ctx) -> Iterator[Finding]:
    """existence's check, with the lines of forms and samples left out (blanked, so that the
    other lines keep their numbers)."""
    if not opts.in_forms:
        forms = form_lines(ctx.lines)
        if forms:
            ctx = replace(ctx, lines=tuple("" if no in forms else line for no, line in enumerate(ctx.lines)))
    for found in existence.check(opts.base, ctx):
        if not illustrates(ctx.lines[found.line], found.start, found.end):
            yield found


def illustrates(line: str, start: int, end: int) -> bool:
    """Whether line[start:end] is part of a writing guide's illustration of a form (see
    ILLUSTRATION_BEFORE)."""
    return bool(ILLUSTRATION_BEFORE.search(line[max(0, start - ILLUSTRATION_WINDOW):start])
                or ILLUSTRATION_AFTER.match(line, end))
