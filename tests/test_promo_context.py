"""SL501/SL502 on page furniture recognised by its form and its place rather than its wording:
a block of a site's notes in the middle of a page, the page's title repeated or glued onto the
text, a list of related articles, a shop's catalogue of books run into one line. Every line here
is the team's own. The documents' own lines (a 公文's parts, a salutation in the middle of a
report, a title given twice by a cover page, a heading whose words open the next paragraph)
stay clean."""
from conftest import apply_replacements, builtin_rules, lint_text

OPENING = ["同志们：", "今天召开全县秋粮收购工作会议，主要任务是总结去年工作，分析当前形势，部署今年任务。"]
BODY = ["一、提高思想认识", "秋粮收购事关农民切身利益，各级各部门要切实增强责任感和紧迫感，抓紧抓实各项措施。",
        "二、突出工作重点", "要加强收购资金保障，确保收购网点布局合理、收购价格公开透明、结算及时足额。",
        "三、强化组织保障", "要严格落实属地责任，主要负责同志亲自抓、分管负责同志具体抓，确保各项工作落到实处。"]


def found(lines):
    """{1-based line: code} of the SL5 findings on the document made of lines."""
    text = "\n".join(lines) + "\n"
    return {d.line: d.code for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")}


def diags(lines):
    return [d for d in lint_text("\n".join(lines) + "\n", builtin_rules()) if d.code.startswith("SL5")]


# --- a block of the site's notes in the middle of the page ---------------------------------------

NOTES = ["本站所有文档均由用户上传，如有侵权请联系删除",  # found by its wording
         "1. 本站所提供的资料仅供参考，不保证下载资源的准确性、安全性和完整性，请您在使用前自行核对。",  # a sentence: weak
         "配套讲稿：",  # a label
         "特殊限制：",
         "关 键 词：",
         "讲话稿 秋粮收购 工作会议",  # keywords
         "相关推荐"]  # found by its wording


def test_a_block_of_notes_in_the_middle_is_reported_whole():
    lines = ["在全县秋粮收购工作会议上的讲话"] + OPENING + BODY[:2] + NOTES + BODY[2:]
    first = 1 + len(OPENING) + 2 + 1  # 1-based line of the first note
    got = found(lines)
    assert {no for no in got} == set(range(first, first + len(NOTES)))
    assert got[first] == "SL501" and got[first + len(NOTES) - 1] == "SL501"
    assert {got[no] for no in range(first + 1, first + len(NOTES) - 1)} <= {"SL501", "SL502"}
    assert got[first + 2] == got[first + 3] == got[first + 5] == "SL502"


def test_the_value_of_a_label_given_on_the_line_below_goes_with_it():
    notes = ["本站所有文档均由用户上传，如有侵权请联系删除", "特殊限制：",
             "部分图片仅作示例展示，禁止商用，设计者仅对作品中独创性部分享有权利。", "2025 秋粮 收购 讲话稿", "相关推荐"]
    lines = OPENING + BODY[:2] + notes + BODY[2:]
    n = len(OPENING) + 2
    assert set(found(lines)) == set(range(n + 1, n + len(notes) + 1))


def test_a_label_with_evidence_heads_the_notes_below_it():
    lines = OPENING + BODY[:2] + ["下载说明："] + NOTES + BODY[2:]
    assert len(OPENING) + 3 in found(lines)


def test_a_sentence_of_the_document_between_two_site_lines_ends_the_run():
    lines = OPENING + ["本站所有文档均由用户上传，如有侵权请联系删除", BODY[1], "相关推荐", "配套讲稿：",
                       "本站所有文档均由用户上传，如有侵权请联系删除"] + BODY[2:]
    got = found(lines)
    assert len(OPENING) + 2 not in got  # the document's sentence
    assert got.get(len(OPENING) + 4) == "SL502"  # the label between the next two


def test_parts_of_a_gongwen_between_site_lines_are_never_taken():
    lines = (["关于做好秋粮收购工作的通知", "各乡镇人民政府，县直有关部门："] + BODY[:2]
             + ["本站所有文档均由用户上传，如有侵权请联系删除", "附件：秋粮收购工作任务分工表", "相关推荐",
                "某某县人民政府办公室", "2025年9月20日", "本站所有文档均由用户上传，如有侵权请联系删除",
                "（联系人：李明，电话：0371-55501234）", "相关推荐",
                "抄送：县委办公室，县人大常委会办公室。", "某某县人民政府办公室　　2025年9月20日印发"])
    got = found(lines)
    for no, line in enumerate(lines, 1):
        if line.startswith(("附件", "某某县", "2025", "（联系人", "抄送")):
            assert no not in got, (no, line)


def test_a_salutation_in_the_middle_above_a_site_line_is_the_documents():
    lines = OPENING + BODY[:2] + ["各位代表：", "本资料来源于网络，仅供参考"] + BODY[2:]
    got = found(lines)
    assert got == {len(OPENING) + 4: "SL501"}


def test_lines_between_watermarks_are_not_a_block():
    # forum software scatters anti-copying strings through the text: they bound no block, so a
    # heading of the text that happens to hold an advertising word stays
    lines = OPENING + ["p3 ]8 K; x& W0 c~ 2 e/", "四、推荐先进典型", "7 x; L2 k& T] 9 w/ p# G5"] + BODY
    got = found(lines)
    assert len(OPENING) + 2 not in got
    assert got[len(OPENING) + 1] == got[len(OPENING) + 3] == "SL501"


def test_the_brackets_of_anti_copying_strings_pair_nothing():
    # the ( of the first string is not closed by the } of the string before the next sentence:
    # the first line is the site's alone, and its fix deletes it
    lines = OPENING + ["# H3 P5 H4 p& S5 A+ h7 h( c", "$ V6 }/ C% c\" z r# ~ 各单位要按照要求抓好落实。"] + BODY
    [whole] = [d for d in diags(lines) if d.line == len(OPENING) + 1]
    assert whole.fix.edits[0].end_line == whole.fix.edits[0].line + 1


# --- the page's title repeated --------------------------------------------------------------------

TITLE = "在全县秋粮收购工作会议上的讲话"


def test_copies_of_the_pages_title_are_reported_but_the_first():
    # the page's header between the copies: the first copy stays the document's title, and the
    # repeats are the site's (the text left by the fix is the same either way)
    lines = ["当前位置：首页 > 讲话稿", TITLE, TITLE, TITLE] + OPENING + BODY
    got = found(lines)
    assert got.get(3) == got.get(4) == "SL501"
    assert 2 not in got


def test_a_copy_inside_the_text_goes_with_the_copies_found_above():
    lines = [TITLE, "发布时间：2025-09-20 08:30", TITLE, OPENING[0], TITLE] + OPENING[1:] + BODY
    got = found(lines)
    assert got.get(3) and got.get(5) and 1 not in got  # (the first copy stays, see above)


def test_a_title_given_twice_by_a_cover_page_or_a_legal_database_is_the_documents():
    cover = ["2025年秋粮收购工作总结", "某某县粮食和物资储备局", "2025年12月", "2025年秋粮收购工作总结"] + BODY
    assert found(cover) == {}
    database = ["【引证码】 CLI.12.5115678", "原文链接：https://law.example.com/a.html",
                "某某县人民政府办公室关于做好秋粮收购工作的通知", "某某县人民政府办公室关于做好秋粮收购工作的通知",
                "某政办发〔2025〕12号", "各乡镇人民政府，县直有关部门："] + BODY
    assert found(database) == {}


def test_a_speech_whose_title_is_repeated_once_as_a_heading_is_clean():
    lines = [TITLE, "（2025年9月20日）"] + OPENING + BODY + [TITLE] + BODY[:2]
    assert found(lines) == {}


def test_a_title_repeated_as_a_refrain_or_a_running_header_is_the_texts():
    # the title once above the opening, its other copies below it: a poem's refrain, a report's
    # running header; the page's title bar stands above the opening
    refrain = "我骄傲我是中国人"
    poem = [refrain, "——在全校国庆诗歌朗诵会上的朗诵稿", "长江黄河奔流不息，五千年文明薪火相传。", refrain,
            "从嘉兴南湖的红船，到天安门城楼的礼炮，我们一路走来。", refrain,
            "新时代的青年，肩负着民族复兴的重任，奋斗在祖国的大地上。", refrain]
    assert found(poem) == {}
    report = "某某县今年政府工作报告"
    lines = [report, "各位代表："] + BODY[1:2] + [report] + BODY[3:4] + [report] + BODY[5:6] + [report]
    assert found(lines) == {}
    # a cover page (the title, the author, the date) above the title of the text, and the
    # title as the running header of its pages
    summary = "今年秋粮收购工作总结"
    lines = ([summary, "某某县粮食和物资储备局", "2025年12月", summary] + BODY[1:2] + BODY[2:4] + [summary]
             + BODY[4:] + [summary])
    assert found(lines) == {}


def test_a_tables_header_row_repeated_on_every_page_is_no_title():
    rows = [f"{i} 推进重点项目建设第{i}项任务 县发展改革局 2025年{i}月底前" for i in range(1, 10)]
    header = "序号 工作任务 牵头单位 完成时限"
    lines = ["附件", "今年重点工作任务分工表", header] + rows[:3] + [header] + rows[3:6] + [header] + rows[6:]
    assert found(lines) == {}


def test_a_slogan_said_twice_in_the_text_is_no_glued_title():
    lines = OPENING + ["安全第一预防为主 安全第一预防为主", "安全第一预防为主安全第一预防为主，这是我们的一贯方针。"] + BODY
    assert found(lines) == {}


def test_a_title_repeated_within_one_line_keeps_one_copy():
    line = TITLE + "范文" + TITLE + "同志们：今天召开全县秋粮收购工作会议，部署今年任务。"
    [d] = diags([line] + BODY)
    assert d.code == "SL501" and d.line == 1
    assert apply_replacements(line, [d]) == TITLE + "同志们：今天召开全县秋粮收购工作会议，部署今年任务。"


def test_the_pages_title_glued_onto_the_salutation_is_a_span():
    lines = [TITLE, TITLE + "同志们：今天召开全县秋粮收购工作会议，部署今年任务。"] + BODY
    [d] = diags(lines)
    assert d.line == 2
    assert apply_replacements("\n".join(lines), [d]).split("\n")[1] == "同志们：今天召开全县秋粮收购工作会议，部署今年任务。"


def test_a_heading_whose_words_open_its_paragraph_is_not_a_glued_title():
    lines = ["数字乡村建设工作要点", "数字乡村建设工作要点是全县推进农业农村现代化的重要抓手，各单位要认真落实。"] + BODY
    assert found(lines) == {}


def test_doubled_words_are_no_title():
    lines = OPENING + ["落实落实落实落实落实落实落实落实"] + BODY
    assert not {no: c for no, c in found(lines).items() if no == len(OPENING) + 1}


# --- lists of related articles --------------------------------------------------------------------

def test_a_list_of_related_articles_cut_off_is_reported():
    lines = OPENING + BODY + ["· 在全县春耕生产工作会议上的讲话要点和...", "· 在全镇农业农村工作会议上的主持词…",
                              "- 2024-12-01 在全市粮食安全工作会议上的..."]
    n = len(OPENING) + len(BODY)
    assert {no for no in found(lines)} == {n + 1, n + 2, n + 3}


def test_titles_with_their_dates_in_a_list_are_reported():
    # below the site's heading of the list, in the middle of the page
    lines = (OPENING + BODY[:2] + ["相关文章", "在全县春耕生产工作会议上的讲话 2024-12-01",
                                   "在全镇农业农村工作会议上的主持词 2024-11-28"] + BODY[2:])
    n = len(OPENING) + 3
    assert {n + 1, n + 2} <= set(found(lines))


def test_a_list_of_projects_or_documents_with_their_dates_inside_the_text_is_its_own():
    # a report's table of projects and their deadlines, a list of the documents it reviewed:
    # the form of a list of related articles, but between the text's headings and sentences
    projects = (["关于今年重点项目建设进展情况的报告", "县人大常委会：", "现将今年重点项目建设进展情况报告如下。",
                 "一、项目完成情况", "县城污水处理厂提标改造 2024-06-30", "城区主干道路改造工程 2024-09-30",
                 "东部新区供水管网工程 2024-11-15", "二、存在的问题"] + BODY[1:2])
    assert found(projects) == {}
    documents = (OPENING[1:] + ["一、继续有效的文件", "某某县农村集体资产管理办法 2019-05-10",
                                "某某县城乡居民医疗救助实施办法 2021-03-15", "二、宣布失效的文件",
                                "某某县农村危房改造补助办法 2016-08-01", "某某县秸秆禁烧工作实施方案 2017-04-20"]
                 + BODY[2:] + ["某某县司法局", "2025年1月20日"])
    assert found(documents) == {}
    # a table of contents with dot leaders and page numbers by chapter (2-1 reads as a date)
    contents = ["某某县国土空间总体规划文本", "目　录", "总则..........................1-1",
                "发展目标与战略................2-1", "国土空间开发保护格局..........3-1", "第一章 总则"] + BODY[1:2]
    assert found(contents) == {}
    # a list of honours with their dates (a year and its month, or a day) ending the text
    for dates in (["2020-11", "2018-03", "2016-01"], ["2020-11-20", "2018-03-12", "2016-01-15"]):
        honours = (OPENING + BODY[:2] + ["全国文明城市提名城市 " + dates[0], "国家卫生县城 " + dates[1],
                                         "全国双拥模范县 " + dates[2]])
        assert found(honours) == {}, dates


def test_points_closed_by_the_ellipsis_of_prose_are_no_list_of_cut_titles():
    # …… is the ellipsis of Chinese prose; a page cuts a link's text with ... or a single …
    lines = (OPENING + BODY[:2] + ["● 坚持问题导向聚焦薄弱环节……", "● 坚持系统观念统筹推进各项工作……", "● 坚持守正创新……"]
             + BODY[2:])
    assert found(lines) == {}


def test_one_title_cut_off_or_a_template_with_ellipses_is_not_a_list():
    assert found(OPENING + BODY[:2] + ["· 在全县春耕生产工作会议上的讲话要点和..."] + BODY[2:]) == {}
    template = OPENING + ["一、……", "1. 加强组织领导……", "2. 强化责任落实……"] + BODY
    assert found(template) == {}


# --- a shop's catalogue -----------------------------------------------------------------------------

def test_a_catalogue_of_books_at_the_top_is_reported():
    lines = ["《机关写作十讲》作者李明《公文写作入门》作者王芳《讲话稿写法》作者赵强", TITLE] + OPENING + BODY
    assert found(lines) == {1: "SL501"}


def test_titles_listed_by_the_text_are_not_a_catalogue():
    for line in ["认真学习《中国共产党章程》《中国共产党纪律处分条例》《中国共产党廉洁自律准则》",
                 "推荐书目：《乡土中国》、《平凡的世界》、《红岩》",
                 "要深入学习《习近平谈治国理政》第一卷、第二卷、第三卷和《之江新语》《摆脱贫困》。",
                 "推荐书目：《习近平谈治国理政》第四卷《习近平著作选读》第一卷《论党的自我革命》",
                 "学习资料：《党章》2022年版《准则》修订版《条例》"]:
        assert found([line] + OPENING + BODY) == {}, line


def test_a_copy_that_the_rules_exceptions_leave_alone_is_not_reported():
    from dataclasses import replace
    from speechlint.context import Resources
    from speechlint.kinds import promo
    from speechlint.patterns import any_of

    class Ctx:  # the title twice on one line, then alone: the copies go with the doubled line
        lines = tuple(["当前位置：首页 > 讲话稿", TITLE + TITLE, TITLE, "发布时间：2025-09-20 08:30", TITLE] + OPENING + BODY)
        resources = Resources()

    [rule] = [r for r in builtin_rules() if r.code == "SL501"]
    assert {f.line for f in promo.check(rule.options, Ctx)} >= {0, 1, 2}
    Ctx.resources = Resources()
    opts = replace(rule.options, exceptions=any_of(["^" + TITLE + "$"]))
    found = {f.line for f in promo.check(opts, Ctx)}
    assert 1 in found and 2 not in found and 4 not in found


# --- a paper's keywords and the words of social media in prose ------------------------------

def test_a_papers_keywords_under_its_abstract_are_its_own():
    paper = ["基层治理中的网格化管理研究", "张明",
             "摘要：网格化管理把社区划分为若干单元，明确责任主体，提高了基层治理的精细化水平。",
             "关键词：网格化管理 基层治理 社区服务", "一、问题的提出", BODY[1]]
    assert found(paper) == {}
    tags = ["在全县工作会议上的讲话", "关 键 词：讲话 会议 表态发言", "本站所有文档仅供学习交流，下载后请删除"] + OPENING
    assert found(tags).get(2) == "SL501"  # a site's tags, under no abstract


def test_social_media_named_in_a_sentence_is_no_advert():
    prose = ["这篇文章刊登后，家乡的好几个微信群都转发了，一些老同学还专门打来电话，说读了很受感动，"
             "家乡的微信公众号转发后，阅读量很快超过了一万，大家都为家乡的变化感到自豪。"]
    assert found(OPENING + prose + BODY) == {}
    assert found(["扫码加入微信群，免费领取全套范文"] + OPENING + BODY).get(1) == "SL501"
    assert found(["阅读量：3562  收藏  举报"] + OPENING + BODY).get(1) == "SL501"


def test_a_documents_closing_sentence_with_a_sites_word_stays_prose():
    # a site's words are a notice's too (相关推荐材料, 严禁复制外传, 欢迎查看): one sentence at the
    # bottom of a document is prose like any other
    for closing in ["请各单位于6月30日前按时报送相关推荐材料和个人先进事迹，逾期不再受理。",
                    "请各单位结合实际抓好贯彻落实，本讲话稿为内部资料，严禁复制外传，用后收回。",
                    "征文作品请以电子邮件形式发送至活动投稿邮箱，并注明作者姓名、单位和联系电话。"]:
        assert found(OPENING + BODY + [closing]) == {}, closing


def test_a_salutation_that_names_its_readers_opens_the_text_between_site_lines():
    # a label between the site's lines opens nothing (特殊限制：), but a salutation naming its
    # readers does, whatever stands around it: a school's letter under a site's disclaimer
    lines = ["本站部分文档由用户上传，仅供学习交流", "各位家长：",
             "1、请家长扫码关注学校微信公众号，及时了解假期安排。", "2、学生成绩单仅限家长本人查看，请勿外传。",
             "3、新学期开学时间为9月1日，请家长提前安排好孩子的作息。"] + BODY + ["某市第一实验小学", "2024年7月5日"]
    got = found(lines)
    assert 2 not in got and 5 not in got
