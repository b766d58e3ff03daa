"""placeholder: report template slots left unfilled (×月×日, XX市, ____年, 【单位名称】), like
`existence`, except inside a blank form or a sample of an attachment.

A policy document often carries, as an attachment (附件), a form for the applicant to fill in
(申请表, 承诺书, 协议书, 通知书) or a sample of a document (样式, 式样, 模板, 范本). Its blanks,
its empty dates (年  月  日), its bracketed instructions (（单位名称）, （盖章）) and its sample
numbers (20XX年  第XXX号) are meant for the reader and are correct. Such a form starts at an
attachment heading (a line holding only 附件, 附件2, 附件3-1 …) whose title, in the next few short
lines, names a form or a sample, or at a short heading line naming a sample ((样式), 格式样本)
below a line of text (a 公告 that publishes a contract's 范本), or an official model text
anywhere (房屋租赁合同示范文本); not a bare 通知模板, nor the title of a document, 合作协议书的正规
格式范本, given once or twice above any text: what a download site calls the template it offers;
it runs to the next attachment heading or to the end of the document. A test paper, whose first line
is its title (期中考试试卷（节选）, 二年级语文综合练习), is its pupils' to fill from top to bottom, and a
court's judgment as published masks its parties on purpose (上诉人（原审原告）：***, 法定代表人：毛XX). Matches inside it are
not reported (unless `in-forms` is true); nor is wording that a text prescribes to its readers,
quoted and named as 字样 (封面注明“××单位申报材料”字样: see WORDING). A writing guide's illustrations of a form
(如《××公司20XX年度工作总结》, 例如“××项目”) are reported: a guide that a download site serves is
a template too, and the writer who copies its sample title has to fill it. A guide's own author
copies the rules under codes of their own with `in-guides` false: then its illustrations are not reported (see ILLUSTRATION_BEFORE), and
in a document that speaks of how to write on GUIDE_LINES lines or more, the lines that speak so
and the lines that quote are illustrations as a whole (see guide_lines). A template
converted into traditional script is read in simplified characters, one for one ([發文單位名稱]
is [发文单位名称]; the finding quotes the line as written)."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Tuple

import regex

from speechlint import patterns

from speechlint.diagnostics import Finding
from speechlint.kinds import existence
from speechlint.i18n import _
from speechlint.traditional import fold

OPTIONS = {"tokens": "list of strings", "patterns": "list of strings", "ignore-case": "bool",
           "exceptions": "list of strings", "in-forms": "bool", "empty-fields": "int", "in-guides": "bool"}
FIELDS = ("match",)

_S = r"[\s\u3000]"
ATTACHMENT = patterns.compiled(
    rf"^{_S}*+附{_S}*件{_S}*(?:[0-9０-９一二三四五六七八九十]{{1,3}}(?:[-－—–][0-9０-９]{{1,2}}){{0,2}}{_S}*[:：]?)?{_S}*$",
    regex.V1)
# the list of attachments (附件：1．…  2．…) or a numbered item: not a title
LIST_ITEM = patterns.compiled(rf"^{_S}*+(?:附{_S}*件{_S}*[:：]|[0-9０-９]{{1,2}}{_S}*[.．、])", regex.V1)
_NOTE = r"(?:[（(][^（）()]{0,20}[）)])?"
# the title of a form for its reader to fill in, or of a sample
FORM_TITLE = patterns.compiled(
    r"(?:(?:申请|申报|登记|报名|推荐|审批|审核|备案|统计|调查|汇总|信息|情况|评分|评价|测评|意见|反馈|回执|确认)表"
    r"|(?:申请|申报|承诺|协议|责任|通知|声明|委托|授权|任务|合同|意向|推荐)书|回执|声明|证明|凭证"
    r"|(?:登记|报名|回执|申请|审批)单|样式|式样|样本|样张|模板|范本|格式)"
    rf"{_NOTE}{_S}*$"
    r"|[（(【〔\[](?:参考)?(?:样式|式样|样本|样张|模板|范本|格式|格式样本)[）)】〕\]]",
    regex.V1)
# a heading line that opens a sample wherever it stands: （样式）, 公文格式样本, 文书样式2, 房屋租赁合同
# 范本, 示范文本 (a 公告 publishes a contract's 范本 for its readers to fill in). A bare 通知模板 (what a
# download site calls the text it offers) opens no sample: its slots are the ones a writer who
# copied it has to fill (under an attachment heading it is a sample)
SAMPLE_HEADING = patterns.compiled(
    rf"^{_S}*+[^。；！？]{{0,24}}?(?:[（(【〔\[](?:参考)?(?:样式|式样|样本|样张|模板|范本)[）)】〕\]]|格式样本|(?:文书|文本|公文)(?:样式|格式)|(?:样式|式样|样本|范本|示范文本){_S}*[0-9０-９一二三四五六七八九十]{{0,2}}){_S}*[:：]?{_S}*$",
    regex.V1)
# an official model text, published for its readers to fill in wherever it stands (房屋租赁合同示范文本)
OFFICIAL_MODEL = patterns.compiled(r"示范文本")
# the title of a test paper, the first line of its document: its blanks and its answers' brackets are
# for the pupils to fill (期中考试试卷（节选）, 期末测试题, 二年级语文综合练习, 数学“找规律”专项练习)
EXAM_TITLE = patterns.compiled(
    rf"^{_S}*+[^。；！？，,]{{2,30}}?(?:试卷|试题|测试题|考试题|检测题|测验题?|练习题?|习题|考题|作业)"
    rf"(?:{_S}*[（(][^（）()]{{1,8}}[）)])?{_S}*$", regex.V1)
# a court's judgment as published, its parties' names, numbers and addresses masked on purpose (上诉人
# (原审原告):***, 法定代表人:毛XX, 公民身份号码:×××): two lines or more that name a party of a lawsuit
# and the court's own words (判决书, 裁定书, 本院, 审判长, 判决如下); a party's complaint (民事起诉状,
# 此致 某某人民法院), whose ××× are still to fill, holds none of them
LITIGANT = patterns.compiled(
    rf"^{_S}*+(?:原告|被告|上诉人|被上诉人|再审申请人|被申请人|申请执行人|被执行人|第三人|原审第三人|委托诉讼代理人|"
    rf"被告人|公诉机关|辩护人)(?:[（(][^（）()\n]{{0,24}}[）)])?{_S}*[:：]", regex.V1)
COURT = patterns.compiled(r"本院|审判长|判决如下|裁定如下|(?:判[ \t\u3000]*决|裁[ \t\u3000]*定|调[ \t\u3000]*解)[ \t\u3000]*书")
LITIGANTS = 2
# the heading of a reply form that a notice ends with, for its readers to fill in (参会回执, 报名回执)
REPLY_FORM = patterns.compiled(rf"^{_S}*+\p{{Han}}{{0,8}}回执(?:单|表)?{_S}*$", regex.V1)
# A writing guide's illustration of a form: its ×× and XX stand for any name, on purpose.
# - inside a quotation or title that an example opens: 如《××公司20XX年度工作总结》, 例如“××项目”,
#   标题一般为“在XX活动中的体会”, 表述为“经×××批准” (not 会议主题为“×××”, a slot of the writer's own text; nor
#   如“××”项目未按期完成的, where 如 is "if");
# - after a line's 形式：/格式： (标题可以采用以下几种形式：在XX活动中的心得体会);
# - quoted with the type it is to be set in: “××年度第×批…项目”为三号宋体.
# (An alternative in brackets, ××局（或委）, is a template's as much as a guide's.)
ILLUSTRATION_BEFORE = patterns.compiled(
    r"(?:(?:(?:例如|比如|譬如|即)[:：，,]?|如[:：]|(?:一般|通常|可以|可|多)(?:为|是|写成|写作|采用)[:：]?|(?:表述|表达|写|说)[为為成][:：]?)"
    r"(?:[ \u3000]*[《“‘「‚][^《》“”‘’「」。；！？]{0,40}[》”’」][、，,和及与或]?){0,3}"
    r"[ \u3000]*[“‘「‚\"']"
    # 如 alone is as often "if" (如“××”项目未按期完成的): only before a title mark
    r"|(?:例如|比如|譬如|如)[:：，,]?(?:[ \u3000]*[《“‘「‚][^《》“”‘’「」。；！？]{0,40}[》”’」][、，,和及与或]?){0,3}[ \u3000]*《)"
    r"[^《》“”‘’「」。；！？\"']{0,40}$"
    r"|(?:形式|格式|写法)[:：][^。；！？]{0,40}$",
    regex.V1)
# - and inside quotations that 如 lists as examples, in a line that speaks of how to write a part
#   (GUIDE: 称呼, 标题, 写明…), when each holds more than the slot and the list ends the clause
#   (称呼要用尊称，如“尊敬的***部长”，…; 标题…如 “[公司名称]关于[项目名称]的请示”，); 如“××”项目… and
#   如“××项目”未按期完成的 are "if", and 对滞后的项目，如“××产业园”等，要… names the writer's own cases
EXAMPLE_QUOTE = patterns.compiled(r"(?:例如|比如|譬如|如)[ \u3000]*((?:[“‘「][^“”‘’「」。；！？]{1,80}[”’」][、，,和及或]?[ \u3000]*){1,4})"
                                  r"(?<=[”’」、，,][ \u3000]*)(?=[、，,。；;）)等]|$)", regex.V1)
QUOTED = patterns.compiled(r"[“‘「]([^“”‘’「」。；！？]{1,80})[”’」]", regex.V1)
EXAMPLE_OTHER_HAN = 2  # Chinese characters in such a quotation besides the slot, at least
GUIDE = patterns.compiled(r"称呼|标题|写明|写上|写出|写法|格式|形式|落款|署名|开头|结尾|顶格|字体|字号")
# A writing guide, as a whole: a document that tells how to write (WRITING: 写明…, 可写成…, 顶格…) on
# GUIDE_VERBS lines or more, and speaks of the parts of a text (GUIDE: 标题, 称呼, 落款…, or so) on
# GUIDE_LINES lines or more and on GUIDE_SHARE of its lines (a long report names 标题 or 格式 now and
# then; a notice against 形式主义 speaks of no form), illustrates forms throughout: its lines that
# tell how to write, and its lines that quote (可寫成“寫給XXX的慰問信”, 学历证明：“于XXXX年XX月毕业于
# XX大学…”), are illustrations, whatever opens them. A label's line (标题：关于××同志任职的通知,
# 落款：××局办公室) is a template's and counts for nothing; a template's own lines, ××同志： or 关于××的
# 请示, tell nothing and quote nothing: they are still read.
WRITING = patterns.compiled(r"写明|写清|写出|写上|要写|应写|可写|写成|写为|写在|顶格|空两格|另起一行|"
                            r"寫明|寫清|寫出|寫上|要寫|應寫|可寫|寫成|寫為|寫在|頂格|空兩格|另起一行")
GUIDE_WORDS = patterns.compiled(r"称呼|稱呼|标题|標題|落款|署名|开头|開頭|结尾|結尾|写法|寫法|格式|形式(?!主义)|字体|字號|字号")
LABEL_LINE = patterns.compiled(r"^[\s\u3000]*\p{Han}{1,8}[\s\u3000]*[:：]")
GUIDE_VERBS = 2
GUIDE_LINES = 3
GUIDE_SHARE = 0.15
QUOTATION = patterns.compiled(r"[“「\"][^“”「」\"\n]{1,80}[”」\"]")
HAN = patterns.compiled(r"\p{Han}")
# the quoted text of a form, and how it is to be set: “××年度第×批…项目”为三号宋体，居中
ILLUSTRATION_AFTER = patterns.compiled(
    r"[^“”《》。；！？]{0,40}[”》][ \u3000]*(?:为|用|采用|使用)?[ \u3000]*(?:[初小]?[一二三四五六七八]号|(?:方正)?(?:小标宋|宋体|黑体|楷体|仿宋))",
    regex.V1)
ILLUSTRATION_WINDOW = 160  # characters before a match searched for what opens an illustration
TITLE_LINES = 5      # non-blank lines after an attachment heading searched for its title
TITLE_LENGTH = 40    # a longer line is body text: the title has ended
SAMPLE_HEADING_LENGTH = 30  # a sample's heading (SAMPLE_HEADING, REPLY_FORM) is at most this long
SENTENCE_END = patterns.compiled(r"[。！？；]")  # the end of a sentence (see form_lines: a line of text above a sample)


# a field's label with a colon and nothing after it (会议时间：, 主持人：): `empty-fields` of them in
# a row, most of them naming a field (FIELD_NAME), outside a form, are a template's skeleton that
# nobody filled in (a 公文 writes 时间：5月8日; 主要议程有： has its items below it; 各位来宾： is a
# salutation; 一、强化组织领导； is an item)
EMPTY_FIELD = patterns.compiled(
    rf"^{_S}*+(?:[0-9０-９]{{1,2}}{_S}*[.．、]|[一二三四五六七八九十]{{1,2}}、|[（(][一二三四五六七八九十0-9]{{1,2}}[）)])?"
    rf"(?:{_S}*+(\p{{Han}}[\p{{Han}}/、]{{1,9}}(?:[（(][^（）()\n]{{1,12}}[）)])?){_S}*+[:：])+{_S}*+$",
    regex.V1)  # one label or several on the line (法定代表人：  联系电话：), each group 1 capture, with
# a note in brackets or not (卖方（下称甲方）：; a seal's or a hand's, 甲方（盖章）：, marks a signing block: SEAL)
NOTE = patterns.compiled(r"[（(][^（）()]*[）)]$")
# what such a label names: a field of a form or of a record (not 主要议程有：, 各位来宾：)
# not a field: a salutation (各位来宾：, 同志们、朋友们：) or a lead-in to what follows (主要任务如下：)
NOT_A_FIELD = patterns.compiled(r"尊敬|各位|亲爱|们$|来宾$|同志$|(?:如下|以下|下列|如次|包括|有|为|是|要求)$")
# a label that asks for a seal or a hand: the signing block of a contract or an agreement, left
# empty for them (甲方（盖章）：, 法定代表人（签字）：, 签章：), SIGNING_NEAR lines around a run at most
SEAL = patterns.compiled(r"(?:盖章|签章|签字|签名|公章|印章)\s*[)）]?\s*(?:[:：]|$)"  # (甲方：某某局（公章）)
                         # (a note that asks for a seal or a hand: 出租方（章）：, （签字并按手印）, （签名并捺印）, （手印）;
                         # and a witness's line of a signing block, 见证方：)
                         r"|[（(][^（）()]{0,8}(?:章|印|签字|签名|签署)[^（）()]{0,8}[）)]\s*[:：]|^\s*见证(?:方|人)\s*[:：]")
_PARTY = r"^[甲乙丙丁]方"  # a contract's party (甲方：), a field of its own
PARTY = patterns.compiled(_PARTY + "$")
SIGNING_NEAR = 2
FIELD_NAME = patterns.compiled(r"(?:时间|日期|地点|地址|人|人员|单位|部门|名称|姓名|电话|邮箱|职务|内容|类容|议题|议程|主题|事由|"
                               r"编号|人数|方式|备注|签字|签名|审核|批准|签发|意见|领导|组长|组员|成员|指挥|队长|队员|记录|"
                               # an identity's or a contract's particulars, and its parties (卖方, 出租方)
                               r"住址|住所|身份证|证号|号码|手机|传真|邮编|账号|开户行|"
                               # (a party, 卖方, 主办方, 承租方; not 地方, 对方, 南方, 处方, 配方, 立方)
                               r"(?![地对南北东西处配立双多官药秘偏良平前后上下四])\p{Han}方)$")
# a blank field of the same template near a shorter run (地址：\n乙方：______科技有限公司): a run of
# empty fields that all name a field, within SLOT_NEAR non-blank lines of a label followed by a
# blank, is part of the skeleton however short (a template's party block: 甲方：/地址：/法定代表人：)
SLOT = patterns.compiled(r"[:：][\s\u3000]*(?:_{3,}|＿{2,}|×{2,}|[XＸ]{2,}(?![A-Za-z])|[xｘ]{2,}(?=\p{Han})|[*＊]{3,})")
SLOT_NEAR = 2
REPEATED_EMPTY = 3  # one field's label left empty this many times, apart, is a template's field
# the parts under a heading with a colon: a field filled in (主办单位：院团委) or an item numbered in
# digits (1、由宣传部出海报进行宣传)
HEADED_PART = patterns.compiled(rf"^{_S}*+(?:\p{{Han}}{{1,10}}{_S}*[:：]{_S}*+[^\s\u3000_＿:：]|(?:[0-9０-９]{{1,2}}{_S}*[、.．]|[（(][0-9０-９]{{1,2}}[）)])(?![0-9０-９]))", regex.V1)
NUMBERED_LABEL = patterns.compiled(rf"^{_S}*+(?:[0-9０-９]{{1,2}}{_S}*[.．、]|[一二三四五六七八九十]{{1,2}}、|[（(][一二三四五六七八九十0-9]{{1,2}}[）)])", regex.V1)
# a row of values holds none of these and is no numbered heading (一、项目内容, （二）, 3.)
VALUE_ROW_BREAK = patterns.compiled(rf"[:：，。；,;]|^{_S}*(?:[一二三四五六七八九十]{{1,3}}{_S}*[、.．]|[（(]{_S}*[一二三四五六七八九十0-9０-９]{{1,3}}{_S}*[）)]|"
                                    rf"[0-9０-９]{{1,2}}{_S}*[.．、](?![0-9０-９])|第{_S}*[一二三四五六七八九十百0-9]+{_S}*[章节条部分])", regex.V1)


@dataclass(frozen=True)
class Options:
    base: existence.Options
    in_forms: bool
    empty_fields: int = 0  # 0: a skeleton of empty fields is not looked for
    in_guides: bool = True  # False: a writing guide's illustrations are left out (see guide_lines, illustrates)


def prepare(options) -> Options:
    base = existence.prepare({key: value for key, value in options.items() if key not in ("in-forms", "empty-fields", "in-guides")})
    empty = options.get("empty-fields", 0)
    if empty < 0 or empty == 1:
        raise ValueError(_("'empty-fields' takes a number of lines in a row, 2 or more (0: off)"))
    return Options(base, bool(options.get("in-forms", False)), empty, bool(options.get("in-guides", True)))


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
    above = set()  # the short lines seen so far (a title given again below is no heading of a sample)
    prose = False  # has a line of text stood above (a sentence, or a line longer than a title with a comma)?
    top = next((line for line in lines if line.strip(" \t\u3000\u00a0")), "")
    if EXAM_TITLE.match(top):
        return frozenset(range(len(lines)))  # a test paper: every blank is its pupils'
    if sum(1 for line in lines if LITIGANT.match(line)) >= LITIGANTS and any(COURT.search(line) for line in lines):
        return frozenset(range(len(lines)))  # a judgment as published: its masks are the court's
    for no, line in enumerate(lines):
        text = line.strip(" \t\u3000\u00a0")
        if ATTACHMENT.match(line):
            in_form = _names_a_form(lines, no + 1)
        elif (not in_form and len(text) <= SAMPLE_HEADING_LENGTH and not LIST_ITEM.match(line)
              and (REPLY_FORM.match(line) or SAMPLE_HEADING.match(line) and (prose and text not in above or OFFICIAL_MODEL.search(text)))):
            # a sample's heading opens a sample inside a text (a 公告 that publishes a contract's
            # 范本), and an official 示范文本 anywhere; a document whose title it is (合作协议书的正规
            # 格式范本, what a download site calls the template it offers) is the template, whose
            # slots its writer has to fill
            in_form = True
        if SENTENCE_END.search(text) or len(text) > TITLE_LENGTH and ("，" in text or "," in text):
            prose = True
        elif text:
            above.add(text)
        if in_form:
            inside.add(no)
    return frozenset(inside)


def guide_lines(lines: Sequence[str]) -> FrozenSet[int]:
    """Indices of the lines of a writing guide that illustrate forms (see WRITING): none unless
    the document tells how to write on GUIDE_VERBS lines and speaks of a text's parts on
    GUIDE_LINES lines and GUIDE_SHARE of its lines."""
    prose = [no for no, line in enumerate(lines) if line.strip(" \t\u3000") and not LABEL_LINE.match(line)]
    told = frozenset(no for no in prose if WRITING.search(lines[no]))
    if len(told) < GUIDE_VERBS:
        return frozenset()
    spoken = sum(1 for no in prose if no in told or GUIDE_WORDS.search(lines[no]))
    text = sum(1 for line in lines if line.strip(" \t\u3000"))
    if spoken < max(GUIDE_LINES, GUIDE_SHARE * text):
        return frozenset()
    return told | {no for no in prose if QUOTATION.search(lines[no])}


def form_and_guide_lines(lines: Sequence[str]) -> FrozenSet[int]:
    return form_lines(lines) | guide_lines(lines)


def left_out(opts: Options) -> Optional[Callable[[Sequence[str]], FrozenSet[int]]]:
    """The function of a document's lines that gives the lines whose findings the rule leaves
    out: a blank form's or a sample's (unless `in-forms`), a writing guide's illustrating lines
    (when `in-guides` is false)."""
    if opts.in_forms:
        return None
    return form_lines if opts.in_guides else form_and_guide_lines


def check(opts: Options, ctx) -> Iterator[Finding]:
    """existence's check, with the lines of forms and samples left out (blanked, so that the
    other lines keep their numbers) and a writing guide's illustrations too; and, with
    `empty-fields`, the labels of a skeleton of empty fields. Read in simplified characters
    (see _folded)."""
    # the placeholder rules read the same document in turn: its folded lines and the lines its
    # forms and guide leave out are worked out once per document
    last = ctx.resources.memo("placeholder-left-out", dict)
    if last.get("lines") is not ctx.lines:
        last.clear()
        last["lines"] = ctx.lines
        last["folded"] = _folded(ctx.lines)
    lines, folded = ctx.lines, last["folded"]
    leave = left_out(opts)
    if leave is not None:
        forms = last.get(leave)
        if forms is None:
            forms = last[leave] = leave(folded)
        if forms:
            folded = tuple("" if no in forms else line for no, line in enumerate(folded))
    ctx = replace(ctx, lines=folded)
    found = list(_line_findings(opts, ctx))
    if opts.empty_fields:
        found += empty_fields(folded, opts.empty_fields)
    return iter(sorted((_as_written(f, lines) for f in found), key=lambda f: (f.line, f.start)))


def _folded(lines: Sequence[str]) -> Tuple[str, ...]:
    """The lines in simplified characters (speechlint.traditional.fold, one for one: the columns
    stay): a template converted into traditional script ([發文單位名稱], 填寫) has the same slots,
    and the same forms and guides around them."""
    return tuple(map(fold, lines))


def _as_written(f: Finding, lines: Sequence[str]) -> Finding:
    """A finding on a folded line, quoting the line as written."""
    text = lines[f.line][f.start:f.end]
    return f if text == f.match else replace(f, match=text)


def line_findings(opts: Options, ctx) -> Iterator[Finding]:
    """existence's findings less a guide's illustrations: what each line tells on its own (the
    language server's line cache asks it line by line; see engine._by_line), read in simplified
    characters (see _folded)."""
    lines = ctx.lines
    return (_as_written(f, lines) for f in _line_findings(opts, replace(ctx, lines=_folded(lines))))


def _line_findings(opts: Options, ctx) -> Iterator[Finding]:
    """line_findings on lines already folded, less the wording prescribed to the reader (see
    WORDING)."""
    found = (f for f in existence.check(opts.base, ctx) if not prescribed(ctx.lines[f.line], f.start, f.end))
    return found if opts.in_guides else (f for f in found if not illustrates(ctx.lines[f.line], f.start, f.end))


# Wording that a text prescribes, quoted and named as 字样 (请在信封上注明“××单位申报材料”字样; 标示
# “一次×片，一日×次”等字样): its slots are for the reader who will print or write it, as a form's
# blanks are, not the writer's to fill. The quotation holds no sentence's end.
WORDING = patterns.compiled(r"[“‘「『][^“”‘’「」『』。；！？\n]{1,60}[”’」』][ \u3000]*(?:等|之类的?|的)?(?:字样|字眼)")


def prescribed(line: str, start: int, end: int) -> bool:
    """Is line[start:end] inside a quotation of prescribed wording (see WORDING)?"""
    return patterns.covered(WORDING, line, start, end)


def empty_fields(lines: Sequence[str], least: int) -> list:
    """The labels of runs of lines in a row that hold labels and nothing after them (EMPTY_FIELD):
    `least` lines of one label each, half of them naming a field, or labels that all name one
    within SLOT_NEAR lines of a blank field of the same template (SLOT) with no row of their
    values below them; the lines of forms are blank here (see check)."""
    out: list = []
    run: list = []
    singles_seen: list = []  # the lines of one empty label in runs not reported
    for no, line in enumerate([*lines, "."]):
        if not line.strip(" \t\u3000"):
            continue  # blank lines between the fields (and a form's lines, blanked) end no run
        m = EMPTY_FIELD.match(line)
        if m and not any(NOT_A_FIELD.search(label) for label in m.captures(1)):
            run.append((no, m))
            continue
        # each line's labels, and whether each names a field
        rows = [[_names_field(label) for label in m.captures(1)] for _, m in run]
        singles = [row[0] for row in rows if len(row) == 1]
        # `least` lines of one label each, half of them naming a field (会议时间：/主持人：/记录人：/
        # 类容：; a line of two labels beside them counts for nothing), or labels that all name a
        # field next to a blank field of the same template; and no label next to them asks for a
        # seal or a hand (a contract's signing block stays empty for them)
        if (rows and ((len(singles) >= least and 2 * sum(singles) >= len(singles))
                      or (all(all(row) for row in rows) and _near_slot(lines, run[0][0], run[-1][0])
                          and not _values_follow(lines, run[-1][0])))
                and not _signing_block(lines, run[0][0], run[-1][0])):
            out += [_label_finding(lines, k, m) for k, m in run]
        else:
            singles_seen += [(k, m) for k, m in run if len(m.captures(1)) == 1]
        run = []
    # one label left empty again and again, each time right above another field of its group (组长：
    # over 组员：校园110全体成员 in each group of a plan): a template's field that nobody filled in (a
    # label over its content, a name, a paragraph or a list, 主持人： over the emcee's words, 活动内容：
    # over 1、…, is filled in)
    reported = {f.line for f in out}
    by_label: Dict[str, list] = {}
    for k, m in singles_seen:
        if k not in reported and _names_field(m.captures(1)[0]) and not NUMBERED_LABEL.match(lines[k]):
            by_label.setdefault(m.captures(1)[0], []).append((k, m))
    for found in by_label.values():
        if len(found) >= REPEATED_EMPTY and all(_field_follows(lines, k) for k, _ in found):
            out += [_label_finding(lines, k, m) for k, m in found]
    return sorted(out, key=lambda f: (f.line, f.start))


def _names_field(label: str) -> bool:
    """Does a label name a field of a form or a record (FIELD_NAME), its note in brackets aside?"""
    return bool(FIELD_NAME.search(NOTE.sub("", label)))


def _label_finding(lines: Sequence[str], no: int, m) -> Finding:
    """The finding of an empty field's labels on line no (m: its EMPTY_FIELD match), to the line's end."""
    start = m.starts(1)[0]
    return Finding(no, start, len(lines[no].rstrip(" \t\u3000")), lines[no][start:].rstrip(" \t\u3000"))


def _next_line(lines: Sequence[str], no: int) -> Optional[str]:
    """The first non-blank line after line no, within SLOT_NEAR * 4 lines (None if there is none)."""
    return next((line for line in lines[no + 1:no + 1 + SLOT_NEAR * 4] if line.strip(" \t\u3000")), None)


def _around(lines: Sequence[str], first: int, last: int, most: int) -> List[int]:
    """The lines first..last and `most` non-blank lines before and after them."""
    before = itertools.islice((no for no in range(first - 1, -1, -1) if lines[no].strip(" \t\u3000")), most)
    after = itertools.islice((no for no in range(last + 1, len(lines)) if lines[no].strip(" \t\u3000")), most)
    return [*range(first, last + 1), *before, *after]


def _values_follow(lines: Sequence[str], last: int) -> bool:
    """Does the line after `last` hold the values of its label, a row with no label, no sentence
    and no numbering (联系人及电话：\n某某司　某某　010-…), or the parts of a heading (五、活动单位：
    over 主办单位：院团委, 八、宣传方式： over 1、由宣传部出海报): fields filled in, or items numbered in
    digits? A label that heads them is filled in."""
    after = _next_line(lines, last)
    heading = bool(NUMBERED_LABEL.match(lines[last]))  # (组长： over 组员：… is a field left empty beside one filled)
    return after is not None and (not VALUE_ROW_BREAK.search(after) or heading and bool(HEADED_PART.match(after)))


def _field_follows(lines: Sequence[str], no: int) -> bool:
    """Is the next non-blank line after `no` another field's label, with its value or without
    (组员：保卫科)?"""
    after = _next_line(lines, no)
    return after is not None and bool(LABEL_LINE.match(after)) and not NUMBERED_LABEL.match(after)


def _near_slot(lines: Sequence[str], first: int, last: int) -> bool:
    return any(SLOT.search(lines[no]) for no in _around(lines, first, last, SLOT_NEAR))


def _signing_block(lines: Sequence[str], first: int, last: int) -> bool:
    """Does a label that asks for a seal or a signature (甲方（盖章）：, 法定代表人（签字）：) or
    a row of the two parties' columns (甲方：  乙方：, 法定代表人：  法定代表人：) stand among
    the lines first..last or within SIGNING_NEAR non-blank lines of them?"""
    return any(SEAL.search(lines[no]) or _columns(lines[no]) for no in _around(lines, first, last, SIGNING_NEAR))


def _columns(line: str) -> bool:
    """Is line a row of a signing block's two columns: empty labels that repeat, or the parties'?"""
    m = EMPTY_FIELD.match(line)
    labels = m.captures(1) if m else []
    return len(labels) >= 2 and (len(set(labels)) < len(labels) or all(PARTY.match(x) for x in labels))


def illustrates(line: str, start: int, end: int) -> bool:
    """Whether line[start:end] is part of a writing guide's illustration of a form (see
    ILLUSTRATION_BEFORE), which the rule leaves out when `in-guides` is false."""
    if ILLUSTRATION_BEFORE.search(line[max(0, start - ILLUSTRATION_WINDOW):start]) or ILLUSTRATION_AFTER.match(line, end):
        return True
    for chain in EXAMPLE_QUOTE.finditer(line, max(0, start - ILLUSTRATION_WINDOW), min(len(line), end + ILLUSTRATION_WINDOW)):
        if not GUIDE.search(line, max(0, chain.start() - ILLUSTRATION_WINDOW), chain.start()):
            continue
        for m in QUOTED.finditer(line, *chain.span(1)):
            a, b = m.span(1)
            if a <= start and end <= b:
                return len(HAN.findall(line[a:start] + line[end:b])) >= EXAMPLE_OTHER_HAN
    return False
