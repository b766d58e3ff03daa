"""SL501/SL502 on lines of the team's own, in the middle of a clean document (no help from a
place at the top or bottom): the kinds of text sites leave are found, the parts and sentences
of a 公文 that share their words are not."""
import dataclasses

import pytest

from conftest import apply_replacements, builtin_rules, lint_text
from speechlint.kinds import promo

BODY = ["关于做好春季安全生产工作的通知", "各乡镇人民政府，县直各部门：",
        "为切实做好春季安全生产工作，现就有关事项通知如下。", "一、压实安全责任",
        "各单位要严格落实安全生产责任制，层层传导压力。", "二、加强隐患排查",
        "要对重点行业领域开展拉网式排查，确保不留死角。", "三、强化应急值守",
        "要严格执行值班制度，发现问题及时报告。"]

SITE_TEXT = [
    "已阅读5页，剩余15页未读，继续阅读",  # paywall
    "阅读已结束，如需下载请支付5积分",
    "下载需要10金币",
    "付费下载 ￥9.9",
    "本文由用户上传，如有侵权请联系客服删除",  # disclaimers
    "本站所有文档均来自网络，如有侵权请告知",
    "©2024 书香文库 版权所有 京ICP备12345678号",
    "文章来源：网络",
    "编辑：小王 来源：书香范文网",  # framing
    "下面是小编为大家整理的表态发言，供大家参考。",
    "本文档由书香网用户上传，仅供学习参考",
    "客服微信：abc12345",  # contacts of the shop
    "淘宝店铺：墨香文档店",
    "联系客服获取完整版",
    "更多精彩内容请关注微信公众号：公文写作",
    "点击查看更多>>",
    "当前位置：首页 > 工作总结 > 年终总结",  # navigation
    "相关推荐：",
    "上一篇：在全县工作会议上的讲话",
    "关灯 收藏 分享 举报",
    "上传人：墨香 | 上传时间：2023-06-01 09:12",  # upload details
    "7 x; L2 k& T] 9 w/ p# G5 r",  # anti-copying string
    "开启左侧",  # a page's button alone on its line
    "收藏本文",
    "提示：本文内容仅供预览，部分内容可能不全，下载后的文档与预览一致。",  # a preview's notice
    "出处：某某出版社《机关文书写作汇编》第120页（2560字）",  # a catalogue's entry
    "如题所述",  # a question-and-answer site
    '<rp id="kx"></rp>',  # the debris of a page's markup
    "手机版",
    "收听本文 00:00/00:00",  # a page's audio player
    "来源：：网络整理 | 作者：管理员",
    "```",  # a code fence a generator left around a template
    "书香汇 www.shuxianghui.com",  # a site's name and its address
    "人气：1.52W",  # counters
    "281人看过",
    "全文共 581 字",
    "+ 加入清单",
]

DOCUMENT_TEXT = [
    "各地要加快建设政务服务平台，推动更多事项网上办理、掌上办理。",
    "（三）提升12345政务服务便民热线服务水平",
    "要落实网络安全责任制，严禁泄露、传播涉密信息。",
    "（联系人：刘伟，电话：025-83331234，电子邮箱：liuwei@example.gov.cn）",
    "联系电话：025-83331234",
    "附件：2025年度重点任务清单",
    "抄送：省委办公厅，省人大常委会办公厅，省政协办公厅。",
    "欢迎社会各界积极参与，共同推进文明城市建设。",
    "免费开放公共文化设施，保障群众基本文化权益。",
    "打造一批精品旅游线路，举办各类推介活动。",
    "鼓励企业开设网上店铺，拓展农产品销售渠道。",
    "严厉打击侵犯著作权的违法行为，保护权利人合法权益。",
    "举报电话：12345",
    "（a）项规定的材料应于3月底前报送。",
    "稿件篇幅一般为（3000字）左右，请注明作者单位。",
    "本次共收集整理各类文件（3000字以上）12份。",
    "道路施工期间给您带来的不便，敬请谅解。",
    "会议于09:00/11:30分两场举行。",
    "相关政策可登录 市政府网 www.fenglin.gov.cn 查询。",
    "展览开幕首日，已有3000人浏览过。",
    "电子公文的文档格式应当符合国家标准。",
    "共产党员网 www.12371.cn",  # an official platform a notice lists
    "经查，该系统登录账号为admin，密码为123456。",
    "若 x<a and y>0 ，则成立。",
    "征文要求：全文 3000 字以内，总字数超过的不予受理。",
    "为提高全县机关公文写作水平，下面将公文写作范例印发给大家，请结合实际认真学习。",
]


def lint_in_the_middle(line):
    text = "\n".join(BODY[:5] + [line] + BODY[5:]) + "\n"
    return [d for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")]


@pytest.mark.parametrize("line", SITE_TEXT)
def test_what_a_site_leaves_is_found_anywhere(line):
    found = lint_in_the_middle(line)
    assert [d.line for d in found] == [6], found


@pytest.mark.parametrize("line", DOCUMENT_TEXT)
def test_the_documents_own_text_is_not(line):
    assert lint_in_the_middle(line) == []


def test_an_anti_copying_string_inside_a_sentence_is_a_span_and_its_fix_keeps_the_sentence():
    line = "要压实各方责任，确保安全形势稳定。p3 ]8 K; x& W0 c~ 2 e/ 各单位要抓好落实。"
    [d] = lint_in_the_middle(line)
    assert d.code == "SL501"
    fixed = line[:d.column - 1] + d.fix.edits[0].text + line[d.fix.edits[0].end:]
    assert fixed == "要压实各方责任，确保安全形势稳定。各单位要抓好落实。"


@pytest.mark.parametrize("line, kept", [
    ("开具证明时写清用途和期限，就能顺利办好。希望本文能对您有所帮助，祝您一切顺利！", "开具证明时写清用途和期限，就能顺利办好。"),
    ("请示是下级机关向上级机关请求指示的公文。为了便于使用，本文将介绍请示的格式，并提供一份范文模板，帮助读者掌握要点。",
     "请示是下级机关向上级机关请求指示的公文。"),
])
def test_a_sites_frame_closing_a_paragraph_is_a_span_and_its_fix_keeps_the_paragraph(line, kept):
    [d] = lint_in_the_middle(line)
    assert d.code == "SL501"
    fixed = line[:d.column - 1] + d.fix.edits[0].text + line[d.fix.edits[0].end:]
    assert fixed == kept


@pytest.mark.parametrize("line", [
    "以上是我学习的一些体会，希望对大家有所启发。",
    "近年来基层治理面临新情况。本文将探讨网格化管理的经验和不足，为完善治理体系提供参考。",
    "我们要把群众当亲人。希望你们在新的岗位上再接再厉，帮助群众解决急难愁盼问题。",
    "家长朋友们，孩子入学前请做好准备。希望这些建议能对您有所帮助。",
])
def test_a_speech_or_a_papers_own_closing_is_not(line):
    assert lint_in_the_middle(line) == []


# a generated article's framing of its sample: three of the ways it talks about a kind of
# document (the scene, the kind defined, a copy praised, how to write it, the reader helped as a
# customer, the article summed up; what it offers of its own), one of them an offer of its own
GUIDE_FRAMING = [
    "在日常的机关工作中，函是一种常见的公文。以下将为您介绍函的格式与范文。",  # scene, defined, offer
    "随着年终的临近，一份好的总结应当怎么写？下面为您介绍写作要点和模板。",  # scene, praised, how, offer
    "通过以上步骤，就能写出一份完整的请示。希望以上介绍能帮助您少走弯路。",  # summed up, praised, helped, wish
    "请示是一种常用的上行文书，一份规范的请示怎么写？本文将详细介绍请示的格式，供您参考。",  # defined, praised, how, offers
]
# two ways at most, or three without an offer of the article's own
TWO_WAYS_AT_MOST = [
    "总之，这次培训内容丰富，希望对大家今后的工作有所帮助。",  # summed up
    "在工作中，各单位要形成一份完整的报告，及时报送县政府办公室。",  # scene, praised
    "调查研究是一种重要的工作方法。下面，我结合实际谈几点体会。",  # defined
    "综上所述，一份规范的请示要一文一事，不得多头主送。",  # summed up, praised
    "总之，以下是本次会议的议程安排。",  # summed up, offer (格式? none: 议程 is no sample)
    # a speech or a handout on writing: three ways, no sample offered
    "在日常工作中，公文是一种重要的工作工具。一份规范的公文体现机关形象。如何写好公文？下面我讲几点意见。",
    "综上所述，一份标准的预算报告要做到收支平衡，以下将介绍编制要点。",
    "总之，要掌握调研报告的写作方法，帮助大家提高能力。",
    "在机关工作中，一份规范的公文体现机关形象。下面我为大家讲讲公文的写作要点。",
    "通知是一种知照性公文，以下是一份规范的通知范例，请学员对照分析。",
    # offers alone, however many, are one way: a notice's or a policy answer's sample for its reader
    "答：以下是申请表的填写示例，供您参考，希望以上说明对您有参考价值。",
    "答：情况说明是一种书面材料，以下是情况说明的格式，供您参考。",
]


@pytest.mark.parametrize("line", GUIDE_FRAMING)
def test_a_generated_articles_framing_of_its_sample_is_the_sites(line):
    found = lint_in_the_middle(line)
    assert [(d.line, d.code) for d in found] == [(6, "SL501")], found


@pytest.mark.parametrize("line", TWO_WAYS_AT_MOST)
def test_one_or_two_of_its_ways_are_ordinary_prose(line):
    assert lint_in_the_middle(line) == []


def test_a_promotional_lines_finding_takes_in_what_the_site_wedged_into_it():
    # (the keyword title glued before the framing is the site's too: its span was left out of the
    # line's finding, and SL305 reported 【…格式】 as a slot on a line the fix deletes whole)
    line = "【单位请假条格式】在日常的办公事务中，请假条是一种常用的文书。以下是请假条的格式与范文。"
    text = "\n".join(BODY[:5] + [line] + BODY[5:]) + "\n"
    found = [(d.line, d.code, d.column) for d in lint_text(text, builtin_rules()) if d.line == 6]
    assert found == [(6, "SL501", 1)], found


def test_a_files_size_alone_on_its_line_is_the_sites_stamp():
    # (a site's footer: its button and the file's size; a document gives no size in KB)
    text = "\n".join(BODY + ["侵权投诉", "38.97KB"]) + "\n"
    found = [(d.line, d.code) for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")]
    assert found == [(10, "SL501"), (11, "SL501")], found


def test_a_pages_tags_at_its_bottom_are_the_sites_and_a_list_of_names_is_not():
    # (the tags name the text's own topics, one word a line under it; a document may end with its
    # members' names, one a line, which its text does not write)
    tags = ["隐患排查", "安全责任", "应急值守"]
    text = "\n".join(BODY + ["", *[t + "\n" for t in tags]]) + "\n"
    found = [d.line for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")]
    assert found == [11, 13, 15], found
    # under a site's label of its tags, or with a tag named like a list (负面清单), they are still the site's
    for label, words in (("相关标签：", tags), ("", ["隐患排查", "负面清单", "应急值守"])):
        text = "\n".join(BODY + ["负面清单管理要落实。", "", label, *words]) + "\n"
        found = {d.line for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")}
        assert {13, 14, 15} <= found, (label, found)  # (the words, under line 12: the label or a blank)
    names = ["张建国", "李秀英", "王德明"]
    text = "\n".join(BODY + ["", "附：工作专班成员", *names]) + "\n"
    assert [d for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")] == []
    # a document's own list under its label, of words its text writes: its attachments, its members
    forms = "请各单位组织填写申报表、承诺书和汇总表，由张建国、李秀英、王德明同志负责汇总。"
    for label, items in (("附件：", ["申报表", "承诺书", "汇总表"]), ("附：工作专班成员", names),
                         ("附件清单", ["申报表", "承诺书", "汇总表"]), ("成员单位", ["隐患排查组", "应急值守组", "安全责任组"])):
        text = "\n".join(BODY + [forms, "", label, *items]) + "\n"
        assert [d for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")] == [], label


def test_a_count_of_readers_under_the_title_is_the_sites_and_the_title_the_documents():
    # (the article's title, then the page's 11次阅读 as its stamp, then the text: the count goes, the
    # title stays; as a site's word the count took the title into a header)
    text = "\n".join(["做好新时代办公室工作", "", "11次阅读", ""] + BODY[2:]) + "\n"
    found = [(d.line, d.code) for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")]
    assert found == [(3, "SL501")], found


def test_how_many_ways_make_the_framing_is_an_option():
    [rule] = [r for r in builtin_rules() if r.code == "SL501"]
    line = GUIDE_FRAMING[0]
    assert rule.options.guide_classes == 3 and promo.guide(rule.options, line)
    assert not promo.guide(dataclasses.replace(rule.options, guide_classes=4), line)
    # without an offer the ways are not enough, however many
    assert not promo.guide(rule.options, "在日常工作中，函是一种常见的公文。一份规范的函如何撰写？")
    ways = {"site": ["仅供学习"], "guide": ["一份", "规范", "撰写"]}
    assert promo.prepare(dict(ways, **{"guide-classes": 2})).guide_classes == 2
    assert promo.guide(promo.prepare(dict(ways, **{"guide-classes": 2})), "一份规范")  # no offers listed: none needed
    for wrong in (1, 4):  # (four ways asked of three: the framing could never be found)
        with pytest.raises(ValueError, match="guide-classes"):
            promo.prepare(dict(ways, **{"guide-classes": wrong}))


@pytest.mark.parametrize("text, expected", [
    ("8 b, |& N* |5 k; o3 E;", True),
    ("GB/T 9704-2012 党政机关公文格式", False),
    ("(1) (2) (3) (4) (5) (6) (7)", False),
    ("1. 2. 3. 4. 5. 6. 7.", False),
    ("a b c d e f g h", False),
])
def test_anti_copying_strings_are_told_from_numbering_and_codes(text, expected):
    assert bool(promo.jammers(text)) is expected


def test_readings_a_converter_wrote_into_the_text_are_no_advert_and_their_fixes_keep_the_text():
    # a converter's debris, not a site's words (SL614): the promo rules read past it, and the
    # line, the document's own, is no advert
    line = "今天我們來(lái)到烈士陵園，緬懷先烈的豐(fēng)功偉績(jì)，繼承先烈遺志。"
    assert lint_in_the_middle(line) == []
    text = "\n".join(BODY[:5] + [line] + BODY[5:]) + "\n"
    found = [d for d in lint_text(text, builtin_rules()) if d.code == "SL614"]
    assert [(d.line, d.column) for d in found] == [(6, line.index(r) + 1) for r in ("(lái)", "(fēng)", "(jì)")]
    assert all(d.fix.applicability == "unsafe" for d in found)
    assert apply_replacements(text, found).split("\n")[5] == "今天我們來到烈士陵園，緬懷先烈的豐功偉績，繼承先烈遺志。"


def test_a_site_phrase_broken_by_readings_is_still_found():
    found = lint_in_the_middle("相關(guān)文章推薦(jiàn)")
    assert [d.code for d in found] == ["SL501"]


def test_a_line_whose_bracket_the_next_sentence_closes_is_not_deleted_as_an_advert():
    # deleting it would leave the sentence's closing brackets unopened (found by fuzzing)
    found = lint_in_the_middle("仅供学习交流（详见\n附件）。")
    assert not any(d.fix is not None and d.fix.edits[0].end_line > d.fix.edits[0].line for d in found)
    assert [d.code for d in found if d.line == 6] == []


def test_two_promotional_lines_may_share_a_bracket():
    text = "\n".join(BODY + ["……(未完，全文共5200字，当前仅显示1200字", "收藏《年度工作总结》)"]) + "\n"
    found = [d for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")]
    assert {d.line for d in found} == {len(BODY) + 1, len(BODY) + 2}


def test_a_code_fence_at_the_top_takes_no_title_with_it():
    text = "关于合作项目的函\n```\n某公司：\n为推动双方合作，现函询贵公司。\n```\n"
    found = [d for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")]
    assert [(d.line, d.code) for d in found] == [(2, "SL501"), (5, "SL501")], found


def test_a_title_given_twice_on_a_cover_page_without_a_site_is_the_documents():
    text = "政府工作报告\n\n政府工作报告\n——2024年1月10日在县第十八届人民代表大会第三次会议上\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n"
    assert [d for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")] == []


def test_a_date_in_digits_under_the_signature_is_the_documents():
    text = "关于调整公交线路的通告\n各位市民：\n因道路施工，128路公交车临时改道运行。\n特此通告。\n市公交公司\n2011-08-11\n"
    assert [d for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")] == []


HEADER = "好文案网—你身边的写作助手\n"


def _sl5(text):
    return [(d.line, d.code) for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")]


def test_a_counter_under_the_question_that_opens_a_page_is_the_sites():
    text = HEADER + "请示的标准格式？\n128\n请示是下级机关向上级机关请求指示、批准时使用的公文。\n"
    assert _sl5(text) == [(1, "SL501"), (3, "SL502")]


def test_a_number_that_answers_the_question_is_the_documents():
    text = HEADER + "火警电话是多少？\n119\n发现火情要立即拨打119火警电话，讲清起火地点。\n"
    assert _sl5(text) == [(1, "SL501")]


def test_a_counter_needs_the_sites_header_above_the_question():
    text = "请示的标准格式？\n128\n请示是下级机关向上级机关请求指示、批准时使用的公文。\n主办单位：市人民政府办公室　版权所有\n"
    assert _sl5(text) == [(4, "SL501")]


def test_a_documents_long_numbered_paragraphs_are_no_preview_chunks():
    # three long items that end without a mark (a table follows each), of different lengths, on a
    # page without a site's line: the document's own numbering
    body = "全县上下坚持稳中求进工作总基调，统筹推进经济发展、民生改善和社会治理各项工作，"
    items = [f"{n}、" + body * (5 + n) + "具体如下表" for n in (1, 2, 3)]
    text = "\n".join(["关于2024年度重点工作完成情况的报告", "县委、县政府：", "现将有关情况报告如下。"] + items) + "\n"
    assert [d for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")] == []
    # the same chunks under a site's line are the site's numbering
    site = "《年度工作总结.docx》由会员分享，可在线阅读，更多相关文档请在本站搜索。"
    found = [d for d in lint_text(site + "\n" + "\n".join(items) + "\n", builtin_rules()) if d.code == "SL501"]
    assert [(d.line, d.column, d.end_column) for d in found if d.line > 1] == [(2, 1, 2), (3, 1, 2), (4, 1, 2)]  # the number and its 、


def test_a_previews_chunks_are_measured_without_a_converters_readings():
    # a site cuts its preview into chunks of one length, counted before a converter wrote its
    # readings in (總結(jié)): with the readings, two chunks of one length differ by dozens
    first = "1、" + "安全(ān)生产" * 40
    second = "2、" + "落实(luò)责任" * 40
    lines = [first, "", second, "", "3、到位。"]
    assert len(first) != len(second)
    (rule,) = [r for r in builtin_rules() if r.code == "SL501"]
    assert sorted(promo._chunk_numbers(rule.options, lines, False)) == [0, 2, 4]


def test_a_samples_number_is_found_after_a_title_with_a_converters_readings():
    found = lint_in_the_middle("讀書活動總結(jié)1")
    assert [(d.code, d.column, d.end_column) for d in found] == [("SL501", 12, 12)]


def test_a_line_with_fewer_blanks_than_every_anti_copying_string_holds_is_not_searched():
    # jammers() skips a line with fewer than JAMMER_BLANKS blanks: JAMMER must match none of them
    # (the shortest strings it takes, five or six pieces of one to three characters, one blank or
    # two after each, at the start of a line, after a letter or between Chinese characters)
    import random

    rnd = random.Random(5)
    pieces = ["#", "a1", "%&", "Zz9", "[", "k", "~~~", "7b"]
    for _ in range(3000):
        n = rnd.randint(4, 8)
        text = "".join(rnd.choice(pieces) + " " * rnd.choice((1, 1, 2)) for _ in range(n)) + rnd.choice(pieces + [""])
        text = rnd.choice(["", "文", "x"]) + text.rstrip(" ") * rnd.choice((1, 1, 2)) + rnd.choice(["", "文", " "])
        if text.count(" ") < promo.JAMMER_BLANKS:
            assert promo.JAMMER.search(text) is None, text
    assert promo.jammers("#a %b &c *d +e ~f")  # five blanks: the fewest a string is found with


def test_a_previews_chunk_cut_off_inside_an_english_word_is_a_chunk_too():
    # a paper's English abstract is cut at the chunk's end like its Chinese text (…through persona)
    a = "企业要想生存发展，就必须建立持久的竞争优势。" * 9 + "Managers sustain a competitive advantage through persona"
    b = "l managers and their organizations only lasting advantage is to learn faster. " * 3 + "本文分析了培训与开发的关系" * 8
    c = "有多少知识储备，这些知识储备与其他企业相比处于什么样的水平。"
    page = ["《企业员工的培训与开发.doc》由会员分享，可在线阅读，更多相关文档请在本站搜索。", f"1、{a}", f"2、{b}", f"3、{c}"]
    got = lint_text("\n".join(page) + "\n", builtin_rules())
    spans = {(d.line, d.column, d.end_column) for d in got if d.code == "SL501" and d.line in (2, 3, 4)}
    assert spans == {(2, 1, 2), (3, 1, 2), (4, 1, 2)}  # the number and its 、


def test_two_chunks_the_second_opening_in_the_middle_of_a_sentence_are_a_previews():
    # no site's line on the page, two chunks only: the second opens with a comma, cut out of a sentence
    first = "1、" + "工作总结是在一段时间内对工作内容、成果以及经验教训进行回顾和总结的过程" * 7 + "同时"
    second = "2、,工作总结应具有实用性，即总结的结论和经验应能够指导我们今后的工作。"
    got = [d for d in lint_text(f"{first}\n{second}\n", builtin_rules()) if d.code.startswith("SL5")]
    assert [(d.code, d.line, d.column, d.end_column) for d in got] == [("SL501", 1, 1, 2), ("SL501", 2, 1, 2)]
    # the same paragraphs, the second opening a sentence of its own, are the document's numbering
    own = "2、工作总结应具有实用性，即总结的结论和经验应能够指导我们今后的工作。"
    assert [d for d in lint_text(f"{first}\n{own}\n", builtin_rules()) if d.code.startswith("SL5")] == []
