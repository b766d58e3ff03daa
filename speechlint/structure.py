"""The parts of a 公文 (GB/T 9704-2012) that a line can be, recognised by their form.

A document's own parts are never an advert, whatever they contain: the 份号, 密级 and 紧急程度 of
the 版头 (000123, 机密★1年, 特急), the 发文机关标志 (某某县人民政府文件), the 发文字号
(某政发〔2025〕3号) and the 签发人 (签发人：张三),
the 主送机关 (各市人民政府：), the 附件 list (附件：1. …), the 发文机关署名 and 成文日期 (a body's
name, a date), the 附注 with its contact details (（联系人：张明，电话：010-…）), the 抄送 and
印发 lines of the 版记. Checks ask `role(line)` and leave these lines alone.

Each part is recognised by its own form alone, so the test is the same in a notice, a report
or a speech that quotes one; the forms are here at the top.
"""
from __future__ import annotations

import functools
from typing import Optional

import regex

from speechlint import patterns

DATE = r"(?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[0-9０-９一二三四五六七八九十]{1,3}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日"
# a body's name ends with one of these; a one-character ending is no body when it ends a common
# word instead (体会, 社会, 好处, 全部, 场所, 学科, 网站: "…的几点体会" is a title, not a signature)
BODY = (r"(?:人民政府|人民代表大会|委员会|政府|党委|党组|办公厅|办公室|领导小组|指挥部|中心|公司|集团|"
        r"协会|学会|联合会|银行|[厅局署委办院社队]|(?<![体机社宴聚晚约领误理开都])会|(?<![好长益到之相难短用])处|"
        r"(?<![全内外局细头胸腹面])部|(?<![场住厕])所|(?<![学本专])科|(?<![网车])站)")
ROLES = (
    # 版头: 份号 (six digits), 密级和保密期限 (机密★1年), 紧急程度 (特急, 加急), each alone on its line
    ("copy-number", patterns.compiled(r"^\s*[0-9０-９]{6}\s*$")),
    ("classification", patterns.compiled(r"^\s*(?:绝\s*密|机\s*密|秘\s*密)(?:\s*[★☆]\s*\S{0,8})?\s*$")),
    ("urgency", patterns.compiled(r"^\s*(?:特\s*急|加\s*急|特\s*提|特\s*急\s*件|加\s*急\s*件)\s*$")),
    # 发文机关标志: 某某县人民政府文件, 中共某某县委文件 (the issuing body's name and 文件)
    ("issuer-mark", patterns.compiled(r"^\s*(?:中共)?[\p{Han}XＸ×]{1,30}" + BODY + r"\s*文\s*件\s*$")),
    # 发文字号: 国办发〔2024〕3号, 鲁政字[2023]12号 (a template's X政发〔2024〕5号 too), and 签发人
    ("document-number", patterns.compiled(r"^\s*[\p{Han}XＸ×]{1,12}[〔\[［【(（][0-9０-９]{4}[〕\]］】)）]\s*[0-9０-９]{1,4}\s*号"
                                      r"(?:\s+签\s*发\s*人\s*[：:]\s*\p{Han}{2,4})?\s*$")),
    ("signer", patterns.compiled(r"^\s*签\s*发\s*人\s*[：:]\s*\p{Han}{2,4}(?:\s+\p{Han}{2,4}){0,3}\s*$")),
    # 附件 list and 附件 headings: 附件：1. …, 附件2, 附件：某某表
    ("attachment", patterns.compiled(r"^\s*附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*(?:[：:．.、]|$)")),
    # 附注 and contact lines: （联系人：…，电话：…）, 联系电话：…, 传真：…, 电子邮箱：…
    # (not a site's disclaimer that ends with its 联系邮箱：…, which speaks of 本站 or 侵权)
    ("contact", patterns.compiled(r"^(?!.*(?:本站|本网站|站长|侵权))(?:\s*[（(]?\s*(?:此件|本件)|.*?"
                              r"(?:联\s*系\s*人|联系电话|联系方式|咨询电话|举报电话|监督电话|办公电话|电\s*话|传\s*真|"
                              r"电子邮箱|电子信箱|邮\s*箱|[Ee]-?mail|通讯地址|联系地址|地\s*址|邮\s*编|邮政编码)\s*[：:])")),
    # 版记: 抄送：…；…印发 with its date
    ("copy-to", patterns.compiled(r"^\s*抄\s*送\s*[：:]")),
    ("issued", patterns.compiled(r"印\s*发\s*$|" + DATE + r"\s*印\s*发")),
    # 成文日期 alone on its line
    ("date", patterns.compiled(r"^\s*[（(]?\s*" + DATE + r"\s*[）)]?\s*$")),
    # 发文机关署名: a body's name alone on a short line (several bodies spaced apart)
    ("signature", patterns.compiled(r"^\s*(?:\p{Han}{2,30}" + BODY + r"[\s　]*){1,4}$")),
    # 主送机关: bodies separated by 、 or ， ending with a colon (not the field of a login form:
    # 账号：, 密码：)
    ("addressee", patterns.compiled(r"^(?!\s*(?:账号|帐号|密码|用户名|验证码|手机号码?|昵称)\s*[：:])"
                                    r"\s*(?:\p{Han}{1,20}[，、,]){0,12}\p{Han}{1,20}" + BODY + r"?\s*[：:]\s*$")),
)


@functools.lru_cache(maxsize=None)
def _roles() -> tuple:
    """ROLES, and an index of the characters that each one's every match holds (patterns.NeedsIndex):
    a line without them is not asked the pattern. (Most lines of prose hold no 附, 抄, 签 or colon
    at their end: asking every pattern of every line was a twentieth of a corpus's run.)"""
    return ROLES, patterns.NeedsIndex(patterns.required_chars(pattern.pattern) for _, pattern in ROLES)


def role(line: str) -> Optional[str]:
    """The 公文 part that line is by its form, or None."""
    if len(line) > 200:
        return None
    roles, index = _roles()
    for k in index.meeting(line):
        name, pattern = roles[k]
        if pattern.search(line):
            return name
    return None
