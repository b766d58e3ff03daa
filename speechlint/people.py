"""People in official and news prose: the words that introduce a person's name (局长, 记者, 村民)
and the surnames of jieba's dictionary. Shared by the kinds that must tell a name from what a
rule looks for (char-slip: a name's characters are no slip; placeholder: a name masked on
purpose, 原局长王××, is no slot)."""
from __future__ import annotations

from typing import Dict, FrozenSet

from speechlint import patterns

# words that introduce or follow a person's name in official and news prose (记者 王某 摄,
# 责编：李某, 局长尹某, 张某同志, 联系人：李某); an office ending in 长 is named by the body it heads
# (LEADING_TITLE: the ones that stand before a name)
LEADING_TITLE = (r"(?:记者|通讯员|书记|副书记|负责人|联系人|院士|教授|研究员|工程师|主任|主席|"
                 r"委员|常委|代表|经理|董事长|理事长|秘书长|大使|总领事|领事|参赞|公使|特使|"
                 r"[局处科部厅市县区镇乡院校所站队行社会组省州村署馆司团]长)")
TITLE = r"(?:摄影|摄|同志|" + LEADING_TITLE[3:]
# and the callings and groups of people that news names people after (青年艺术家洪伟、周青座谈,
# 村民李某，): only before a name that a mark ends (张三家 is his home)
CALLING = (r"(?:[艺术书法画作企业科学教育音乐文学收藏评论美术]家|专家|学者|教师|老师|医生|医师|护士|律师|"
           r"演员|导演|歌手|运动员|教练员?|村民|居民|农民|市民|党员|干部|职工|工人|志愿者|学生|校友|网友|游客)")
# an editor's credit before a name, with its colon (责编：李某, 审核：; 统筹 and 审核 are verbs too: 管理统筹)
CREDIT = r"(?:编辑|责编|责任编辑|编审|主编|审核|审校|校对|终审|监制|统筹|撰稿|供稿)[\s　]*[：:][\s　]*"
# a title or a calling just before a name (a calling is no title: 学生严于…, 医生高度… are prose;
# after one, charslip takes only a name that a mark ends)
CALLING_BEFORE = patterns.compiled(r"(?:" + TITLE + "|" + CALLING + r")[\s：:　]*$")
# a title or a calling that stands before a name (not 同志 or 摄, which follow one: ××同志于×月×日)
LEADING_BEFORE = patterns.compiled(r"(?:" + LEADING_TITLE + "|" + CALLING + r")[\s：:　]*$")


def surnames(lexicon, least: int = 20) -> FrozenSet[str]:
    """Characters that begin at least `least` three-character names of people in jieba's
    dictionary (tag nr): the surnames, as the dictionary knows them."""
    counts: Dict[str, int] = {}
    for w, t in lexicon.tags().items():
        if t == "nr" and len(w) == 3:
            counts[w[0]] = counts.get(w[0], 0) + 1
    return frozenset(c for c, n in counts.items() if n >= least)


def family(res) -> FrozenSet[str]:
    """The surnames (see surnames), made once per dictionary and kept in the cache folder; loads
    the dictionary."""
    lexicon = res.lexicon()
    return res.memo("surnames", lambda: lexicon.derived("surnames-20", lambda: surnames(lexicon)))


# the parts of speech of jieba's dictionary that a character has as a word of grammar (于 p, 和 c,
# 都 d, 上 f, 过 ug): before a masked stretch such a character is read as that word, not as a
# surname (负责人于××前报送, 由村长向××镇报告); pronouns and verbs are surnames too often (何, 谢, 任)
GRAMMAR_TAGS = ("p", "c", "d", "f", "u", "y", "e", "o")


def name_surnames(lexicon, least: int = 20) -> FrozenSet[str]:
    """The surnames (see surnames) that are no word of grammar of their own (GRAMMAR_TAGS)."""
    tags = lexicon.tags()
    return frozenset(c for c in surnames(lexicon, least) if not tags.get(c, "").startswith(GRAMMAR_TAGS))


def name_family(res) -> FrozenSet[str]:
    """name_surnames, made once per dictionary and kept in the cache folder; loads the dictionary."""
    lexicon = res.lexicon()
    key = f"name-surnames-{''.join(GRAMMAR_TAGS)}-20"  # (named by what it is made with)
    return res.memo(key, lambda: lexicon.derived(key, lambda: name_surnames(lexicon)))
