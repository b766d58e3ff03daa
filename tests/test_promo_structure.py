"""SL501/SL502 on the furniture of document-sharing pages found by its structure: a site's
numbered notices, a file's name, a menu or a lone button, the stamp under an article's title,
the reader addressed as a customer, a viewer's page captions, tags one word a line, the header
that runs from the top of the page down to the document's title. Every line here is the team's
own. The documents' own lines (a 公文's attachments and numbered lists, a table's header row, a
title with its date written in characters, a title under its breadcrumb) stay clean."""
import pytest

from conftest import builtin_rules, lint_text

SPEECH = ["在全县春季防火工作会议上的讲话", "同志们：",
          "今天召开全县春季防火工作会议，主要任务是总结去年工作，部署今年春季防火任务。",
          "一、清醒认识当前形势", "今年入春以来降水偏少，林区可燃物积累较多，防火形势十分严峻。",
          "二、压实各方责任", "各乡镇要落实属地责任，把防火责任分解到村、到组、到人。"]


def found(lines):
    """{1-based line: code} of the SL5 findings on the document made of lines."""
    text = "\n".join(lines) + "\n"
    return {d.line: d.code for d in lint_text(text, builtin_rules()) if d.code.startswith("SL5")}


def lines_of(got, lines, *prefixes):
    """The 1-based numbers of the lines that start with one of prefixes."""
    return {no for no, line in enumerate(lines, 1) if line.startswith(prefixes)}


# --- a site's numbered notices ---------------------------------------------------------------------

NOTICES = ["温馨提示：",
           "1. 预览时部分公式和动画可能显示不全，下载以后即可正常查看。",
           "2. 本文档由会员上传，青木文库只提供存储空间，对内容不负编辑责任。",
           "3. 付费以后如未能正常下载，请保留订单号并联系平台处理。"]


def test_numbered_notices_at_the_top_are_the_sites_whatever_their_form():
    lines = NOTICES + SPEECH
    got = found(lines)
    assert set(range(1, len(NOTICES) + 1)) <= set(got)  # the label and every notice, sentences or not
    assert not set(got) & set(range(len(NOTICES) + 1, len(lines) + 1))


def test_a_numbered_list_of_the_text_with_one_strong_word_is_the_texts():
    lines = SPEECH[:3] + ["1. 涉密文件严禁复制传播，各单位要建立台账，明确专人管理，定期开展保密检查，及时堵塞管理漏洞。",
                          "2. 各单位要加强值班值守，推荐使用统一的应急通信平台，确保信息畅通。",
                          "3. 发现火情要及时报告，不得迟报漏报。"] + SPEECH[3:]
    assert not found(lines)  # in the middle of the text, under a sentence of the text


# --- a file's name ----------------------------------------------------------------------------------

def test_a_files_name_is_the_sites():
    lines = ["春季防火工作会议讲话稿.docx", "《春季防火工作会议讲话稿.docx》由会员分享，可在线阅读，更多相关文档请在本站搜索。"] + SPEECH
    got = found(lines)
    assert {1, 2} <= set(got)
    assert 3 not in got  # the document's title


def test_the_files_listed_as_a_gongwens_attachments_are_its_own():
    lines = ["关于报送春季防火工作情况的通知", "各乡镇人民政府：", "请于3月20日前报送春季防火工作情况。",
             "附件：1. 春季防火工作情况统计表.xlsx", "2. 春季防火工作联系人名单.docx",
             "某某县森林防火指挥部办公室", "2025年3月10日"]
    assert not found(lines)


# --- a menu, a breadcrumb, a lone button, the page's title bar -------------------------------------

@pytest.mark.parametrize("line", ["返回 下载 收藏 举报", "首页 讲话稿 春季防火", "收藏", "云笺范文网-专业公文范文分享平台"])
def test_a_menu_a_breadcrumb_or_a_button_is_the_sites(line):
    assert 1 in found([line] + SPEECH)


@pytest.mark.parametrize("line", ["序号 责任单位 完成时限", "工业互联网 - 赋能制造业转型", "智能电网—能源转型的基础"])
def test_a_tables_header_or_a_title_with_a_dash_is_the_texts(line):
    lines = SPEECH[:3] + [line] + SPEECH[3:]
    assert not found(lines)


# --- the article's stamp under its title ------------------------------------------------------------

def test_a_stamp_under_a_title_is_the_sites_and_the_title_the_articles():
    lines = ["做好春季防火工作的几点思考", "编辑：青木 2024-03-15 09:20 阅读：1260", "春季是森林火灾的高发期，防火工作容不得半点松懈。",
             "一要抓早抓小。", "隐患要早发现、早处置，小火要打早、打小、打了。"]
    got = found(lines)
    assert 2 in got
    assert 1 not in got  # the article's title, stamped with its date


@pytest.mark.parametrize("byline", ["来源：青山日报 作者：李明 2024-03-06 09:30", "青山日报 2024-03-06 09:30",
                                    "2024-03-06 10:25:06 来源：青山日报 编辑：王芳", "李明/青山日报",
                                    "2024/03/06 10:25 来源：青山日报 记者 李明"])
def test_an_articles_byline_on_a_page_with_nothing_else_of_a_sites_is_the_articles(byline):
    # a newspaper's page prints its article's source, author and date under the title: with no
    # other line of a site's on the page, they are the article's, not a download site's
    lines = ["坚持稳中求进 推动高质量发展", byline, "今年以来，全市上下坚持稳中求进工作总基调，经济运行总体平稳、稳中有进。",
             "一要抓早抓小。", "隐患要早发现、早处置，小火要打早、打小、打了。"]
    assert found(lines) == {}


def test_a_notices_own_channels_in_its_text_leave_its_pages_stamp_the_articles():
    # a notice that gives its own e-mail and QR code in its numbered items: those statements of its
    # own text are no site's furniture, so the date under its title is its page's, not a site's
    lines = ["关于公开征集2024年民生实事项目的公告", "发布单位：青山镇人民政府", "公开日期：2023-12-13 09:15",
             "为进一步提高民生实事项目的针对性，现面向社会公开征集项目建议。",
             "1.填写项目征集建议表，通过电子邮件发送至qingshan@example.com",
             "2.扫码下方二维码。"]
    assert found(lines) == {}


@pytest.mark.parametrize("stamp", ["更新时间：2018-06-29 16:50 作者：王老师", "2021-09-25 08:19:00 字数 1170 阅读 7568",
                                   "时间：2021-10-28 12:15:31 工作计划"])
def test_a_stamp_that_only_a_site_gives_is_the_sites_alone_too(stamp):
    # when the page was updated, how long the text is and how often it was read: a site's
    lines = ["坚持稳中求进 推动高质量发展", stamp, "今年以来，全市上下坚持稳中求进工作总基调，经济运行总体平稳、稳中有进。"]
    assert 2 in found(lines)


def test_a_title_given_twice_under_the_top_line_makes_the_top_line_the_sites():
    # the site's title bar, its notices, then the document's title twice (the site's copy and
    # the text's own): the top line is no title of the document, even with a heading further down
    lines = ["村级财务工作计划分析的写法", "- 1、下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑服务。",
             "- 2、如文档侵犯您的权益，请联系客服反馈，我们会尽快为您处理。", "村级财务工作计划的写法", "村级财务工作计划的写法",
             "一、标题", "二、正文", "三、落款", "关于标题的写法", "计划标题一般由单位名称、时间、内容和文种四个部分组成，要写得简明。"]
    assert 1 in found(lines)


def test_a_journals_issue_under_a_mirrored_articles_title_is_a_stamp():
    lines = ["如何上好一堂党课", "2019-04-27 杨旭 阅读：1260", "青山党建 2019年9期",
             "摘要：上好党课是每一位党员特别是党员领导干部的职责和义务。", "一堂好的党课要做到打动人、说服人，要让党员和群众爱听、想听。"]
    got = found(lines)
    assert {2, 3} <= set(got) and 1 not in got


@pytest.mark.parametrize("junk", ["$ @' t- X6 p- E C1 k9 ]: B9 E. y- Q", "9 ~, D; j\" W/ D. f$ g\" y# I: q& R4 k8 Z) t0 m$ r) B& m' I% {5 a"])
def test_a_line_of_nothing_but_an_anti_copying_strings_pieces_is_no_prose(junk):
    # forum software scatters such lines through a post: standing inside a paragraph broken over
    # lines, or long with blanks like English, it is still nothing but the site's
    from speechlint.kinds import promo

    (rule,) = [r for r in builtin_rules() if r.code == "SL501"]
    for in_prose in (False, True):
        assert promo.judge(rule.options, junk, False, in_prose=in_prose).score >= rule.options.threshold


def test_a_notices_fields_with_their_dates_are_no_stamp():
    # 报到时间 2024-04-08 is a field of the notice, not an account's name and a post's date; and
    # an advert's word in the title (培训班) makes no site's page of it
    lines = ["关于举办全市档案业务培训班的通知", "各区档案馆：", "为提高档案工作水平，决定举办全市档案业务培训班。",
             "报名截止 2024-04-01", "报到时间 2024-04-08", "培训时间 2024-04-09", "请各单位按时报名。"]
    assert found(lines) == {}


def test_the_name_of_an_account_and_a_date_alone_on_a_line_is_a_stamp():
    # (a public account's article as a site mirrors it: 青山党建 2022-11-06 under the title)
    lines = ["坚持稳中求进 推动高质量发展", "青山党建 2022-11-06", "今年以来，全市上下坚持稳中求进工作总基调，经济运行总体平稳、稳中有进。",
             "隐患要早发现、早处置，小火要打早、打小、打了。", "本文由网友上传，如有侵权请联系删除。"]
    got = found(lines)
    assert 2 in got and 1 not in got


def test_a_stamp_given_to_the_month_is_a_stamp_too():
    lines = ["做好春季防火工作的几点思考", "更新时间：2024-03 来源：网友投稿", "春季是森林火灾的高发期，防火工作容不得半点松懈。",
             "一要抓早抓小。", "隐患要早发现、早处置，小火要打早、打小、打了。"]
    got = found(lines)
    assert 2 in got and 1 not in got


def test_a_tables_rule_is_the_tables_not_the_pages_debris():
    from speechlint.kinds import promo
    table = ["| 项目 | 内容 |", "|---|---|", "| 谈话日期 | 2025年3月5日 |"]
    assert not promo._debris(table, 1)
    assert promo._debris(["春季防火", "|", "春季防火"], 1)
    assert promo._debris(["春季防火", "|---|---|", "春季防火"], 1)  # a rule with no table next to it


def test_a_title_over_a_sites_line_that_is_no_stamp_is_the_pages_title_bar():
    lines = ["春季防火讲话稿怎么写", "本站会员提问，网友解答仅供参考", "春季是森林火灾的高发期，防火工作容不得半点松懈。",
             "讲话稿要先讲形势，再讲任务，最后讲要求。"]
    got = found(lines)
    assert {1, 2} <= set(got)


def test_a_date_in_characters_under_a_title_is_the_texts():
    lines = ["在全县春季防火工作会议上的讲话", "（2025年3月5日）"] + SPEECH[1:]
    assert not found(lines)


def test_a_title_under_its_breadcrumb_is_the_articles():
    lines = ["首页 > 工作总结 > 县林业局2024年春季防火工作总结", "县林业局2024年春季防火工作总结", "分享",
             "今年春季，我局认真落实县委、县政府部署，全县未发生较大森林火灾。"]
    got = found(lines)
    assert {1, 3} <= set(got)
    assert 2 not in got


def test_a_category_that_the_breadcrumb_ends_with_is_the_sites_and_the_fuller_title_the_texts():
    # the breadcrumb ends with the category the page is filed under (年终总结); the title holds its
    # characters in order with more of its own (林业局年终工作总结), so the line that gives the
    # category again under the stamp, over a site's line, is the site's, and the title heads the text
    page = ["当前位置：首页 > 总结 > 年终总结", "县林业局年终工作总结", "2024-12-30 09:12:45", "年终总结", "分享到：微信",
            "今年以来，我局认真落实县委、县政府部署，全县未发生较大森林火灾。"]
    got = found(page)
    assert {1, 3, 4, 5} <= set(got)
    assert 2 not in got and 6 not in got


def test_a_count_of_readers_under_the_category_is_the_sites_line():
    # 阅读：2345次 alone under the category is the page's counter: the category over it is the
    # site's, and the fuller title stays the document's
    page = ["当前位置：首页 > 总结 > 述职报告", "县水利局局长个人述职报告", "2024-12-30 09:12:45", "述职报告", "阅读：2345次",
            "尊敬的各位领导、同志们：", "一年来，我认真履行岗位职责，较好地完成了各项工作任务。"]
    got = found(page)
    assert {1, 3, 4} <= set(got)
    assert 2 not in got and 6 not in got


def test_a_reports_figures_under_their_labels_are_its_own():
    # a new-media centre's summary lists its readers month by month: on a page with no line of a
    # site's, 阅读量：3.6万 is the report's figure, not a page's counter
    report = ["青山县融媒体中心2024年工作总结", "一、基本情况", "全年推送原创稿件860篇，各月阅读量如下：",
              "1月", "阅读量：3.6万", "2月", "阅读量：2.9万", "浏览次数：41000",
              "二、下一步打算", "进一步优化选题，提升传播力。"]
    assert not found(report)


def test_a_counter_in_the_text_of_a_sites_page_stays_the_sites():
    page = ["青山文库 > 工作总结", "县融媒体中心工作总结", "全年推送原创稿件860篇，粉丝数突破12万。",
            "阅读量：3.6万", "更多范文请访问青山文库。", "二、下一步打算", "进一步优化选题，提升传播力。"]
    assert 4 in found(page)


def test_a_count_of_readers_on_a_page_without_a_sites_line_is_left_alone():
    page = ["关于做好春季防火工作的通知", "阅读：2345次", "各乡镇：", "现将有关事项通知如下。"]
    assert not found(page)


def test_the_last_crumb_over_the_texts_own_lines_is_the_documents_title():
    # a government's page: its title bar words the report more fully, but the copy of the last
    # crumb has the report's subtitle and speaker under it: it is the report's own title
    page = ["首页 > 政务公开 > 政府工作报告", "2024年青山市政府工作报告", "发布时间：2024-01-20 09:00:00",
            "政府工作报告", "——2024年1月15日在青山市第十届人民代表大会第三次会议上", "市长　李明",
            "各位代表：", "现在，我代表市人民政府，向大会报告工作，请予审议。"]
    assert 4 not in found(page)


def test_a_field_of_the_pages_record_is_no_fuller_title():
    # 名称：… is a field of a disclosure page's record, not a title: the notice's own title stays
    page = ["首页 > 信息公开 > 政策文件 > 关于印发青山市节水行动实施方案的通知",
            "名称：青山市人民政府办公室关于印发青山市节水行动实施方案的通知", "发布时间：2024-05-06 10:00:00",
            "关于印发青山市节水行动实施方案的通知", "分享到：微信",
            "各县（市、区）人民政府，市政府各部门：", "《青山市节水行动实施方案》已经市政府同意，现印发给你们，请认真贯彻执行。"]
    assert 4 not in found(page)


def test_the_last_crumb_over_a_sites_line_and_the_texts_subtitle_is_the_documents_title():
    # the site's line under the copy (扫一扫…) is passed over: the subtitle and the speaker under it
    # make the copy the report's own title
    page = ["首页 > 政务公开 > 政府工作报告", "青山县2024年政府工作报告", "发布时间：2024-01-20 09:00:00",
            "政府工作报告", "扫一扫在手机打开当前页", "——2024年1月15日在青山县第十届人民代表大会第三次会议上",
            "县长　李明", "各位代表：", "现在，我代表县人民政府，向大会报告工作，请予审议。"]
    assert 4 not in found(page)


def test_a_middle_crumb_given_again_is_the_texts():
    # only the last crumb names a category: a speaker's name under a leader's page stays the text's
    page = ["当前位置：首页 > 领导之窗 > 李明 > 讲话", "在全市安全生产工作会议上的讲话", "发布时间：2024-03-01 10:00:00",
            "李明", "（2024年3月1日）", "同志们：", "今天召开全市安全生产工作会议，主要任务是部署今年工作。"]
    assert 4 not in found(page)


# --- random characters a site scatters into the words of its text ---------------------------------------

JAMMED = ["今年以来，全县扎实推进农村道路养护，做好资金使用情况的统卷忽至面边欠牛片计上报工作。",
          "各乡镇要按照项目管勾牛叶呈卷欠忽边理要求组织实施，并接受财政、审计部门的监督检查。"]


def test_random_characters_wedged_into_words_on_several_lines_are_the_sites():
    got = found(JAMMED + ["特此报告。"])
    assert got.keys() >= {1, 2}


def test_amounts_in_capital_numerals_are_no_random_characters():
    # an amount is single characters too, and 万 + 元 make 万元: the fix would change the sum
    lines = ["经双方确认，合同总价为人民币壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元整。",
             "首期款为人民币贰佰叁拾肆万陆仟伍佰肆拾叁元整，于签订之日起十日内支付。",
             "余款于工程竣工验收合格后支付。"]
    assert not found(lines)


def test_one_such_stretch_on_a_page_is_the_texts():
    # a site jams its whole text: one stretch alone may be a term the dictionary lacks
    assert not found(JAMMED[:1] + ["特此报告。"])


def test_a_stretch_the_page_repeats_is_the_texts():
    # the same stretch given twice is a phrase of the text (a name, a term), not random characters
    assert not found([JAMMED[0], JAMMED[0].replace("今年以来", "上半年"), "特此报告。"])


def test_two_words_of_grammar_around_a_term_join_no_broken_word():
    # 以 … 为 around a term the dictionary lacks make 以为, which no stretch broke
    assert not found(JAMMED[:1] + ["坚持以碳达峰碳中和为引领，推进绿色低碳交通建设。"])


# --- the reader addressed as a customer -------------------------------------------------------------

def test_the_reader_addressed_as_a_customer_is_the_sites():
    lines = SPEECH + ["看完觉得有用，欢迎您收藏本页，客服QQ：12345678，下次查找更方便。"]
    assert len(SPEECH) + 1 in found(lines)


def test_the_reader_addressed_in_a_letter_is_the_letters():
    lines = ["致全县广大群众的一封信", "尊敬的各位乡亲：", "您好！春季是森林火灾的高发期，请您上山不带火种，祭祀不烧纸钱。",
             "请您关注天气变化和火险预报，发现火情立即拨打报警电话。", "感谢您对森林防火工作的理解、支持和关注！",
             "某某县森林防火指挥部", "2025年3月1日"]
    assert not found(lines)


# --- the header that runs down to the document's title ----------------------------------------------

def test_the_header_goes_on_down_to_the_title():
    header = ["讲话稿_第1页", "讲话稿_第2页", "讲话稿_第3页", "已阅读3页，还剩9页未读，继续免费阅读",
              "客服QQ：12345678", "讲话", "防火", "春季", "会议"]
    lines = header + SPEECH
    got = found(lines)
    assert set(range(1, len(header) + 1)) <= set(got)
    assert len(header) + 1 not in got  # the document's title


def test_debris_of_a_layout_above_the_title_goes_with_the_sites_lines():
    lines = ["|", "做好春季防火工作的几点思考", "编辑：青木 2024-03-15 09:20 阅读：1260", "春季是森林火灾的高发期，防火工作容不得半点松懈。"]
    got = found(lines)
    assert {1, 3} <= set(got) and 2 not in got


def test_a_numbered_heading_next_to_an_anti_copying_string_is_the_texts():
    lines = ["一、清醒认识当前形势", "7 x; L2 k& T] 9 w/ p# G5 r", "今年入春以来降水偏少，林区可燃物积累较多，防火形势十分严峻。"]
    got = found(lines)
    assert 2 in got and 1 not in got


def test_a_gongwens_header_is_never_a_sites():
    lines = ["某某县人民政府文件", "某政发〔2025〕5号", "关于做好春季森林防火工作的通知",
             "各乡镇人民政府，县直各部门：", "春季是森林火灾的高发期，现就做好春季森林防火工作通知如下。",
             "（联系人：王林，电话：0571-55512345，电子邮箱：wanglin@example.gov.cn）"]
    assert not found(lines)


def test_a_sites_line_between_the_title_and_the_text_goes_with_the_stamp_there():
    lines = ["做好春季防火工作的几点思考", "编辑：青木 2024-03-15 09:20", "公文写作精品课程", "春季是森林火灾的高发期，防火工作容不得半点松懈。"]
    got = found(lines)
    assert {2, 3} <= set(got) and 1 not in got


def test_a_lead_in_to_a_list_is_no_title():
    lines = ["讲话稿范文精选（三篇）", "第1篇：春季防火工作会议讲话范文", "一、清醒认识当前形势",
             "今年入春以来，我们重点做了以下工作："]
    got = found(lines)
    assert 1 in got  # the article's heading of a compilation is its own; only its number is the site's
    on_heading = [d for d in lint_text("\n".join(lines) + "\n", builtin_rules()) if d.code.startswith("SL5") and d.line == 2]
    assert len(on_heading) == 1 and "“第1篇：”" in on_heading[0].message and on_heading[0].column == 1


# --- a collection's headings and labels --------------------------------------------------------------

HANDOUT = ["公文写作培训讲义", "第一篇：公文写作基础", "公文是机关处理公务的重要工具，写好公文是机关干部的基本功。",
           "【例文】", "关于做好2025年春节期间安全生产工作的通知", "各乡镇人民政府，县直各单位：",
           "春节将至，为切实做好节日期间安全生产工作，现就有关事项通知如下。"]


def test_a_handouts_parts_and_a_guides_labels_are_its_own_on_a_page_without_a_sites_line():
    assert not found(HANDOUT)


def test_on_a_sites_page_a_collections_heading_and_label_are_the_sites():
    lines = ["下载本文档", "时间：2024-11-10 17:04:24 来源：作文网 作者：管理员"] + HANDOUT
    got = found(lines)
    assert {1, 2, 4, 6} <= set(got)  # the site's two lines, 第一篇：…, 【例文】
    assert not set(got) & {3, 5, 7, 8, 9}


def test_an_articles_stamp_alone_makes_no_sites_page_of_it():
    # a government site's page stamps its article with a date and a time: one line found, and the
    # article's own parts (第一篇：…, 【正文】) stay its own
    lines = ["关于印发全市干部教育培训教材编写方案的通知", "市委组织部", "2024-03-15 09:30",
             "教材共分两篇，具体安排如下。", "第一篇：理论武装", "由市委党校牵头编写。", "第二篇：政策解读",
             "由市委政研室牵头编写。", "【正文】", "各篇正文由各牵头单位负责起草。"]
    got = found(lines)
    assert not set(got) - {3}


def test_a_notices_own_items_past_1_are_no_sites_notices():
    # items 3 to 5 of a notice, after a sentence of its own, at the bottom of the page: a list that
    # goes on, not a site's notices (those begin past 1 only with bullets or under a label)
    lines = ["关于举办公文写作培训班的通知", "各单位：", "为提高干部公文写作能力，市委办公室决定举办培训班。现将有关事项通知如下。",
             "1、培训时间为5月下旬，为期三天。", "2、培训地点在市委党校。", "请各单位高度重视，认真组织。",
             "3、报名截止时间：2024-05-20 17:00，逾期不予受理。",
             "4、报名表请登录市委党校网站下载，填写后发送至电子邮箱 pxb@example.gov.cn。",
             "5、咨询电话：0531-88776655。"]
    got = found(lines)
    assert not set(got) & {8, 9}


def test_an_attachments_title_that_numbers_a_sample_is_the_notices():
    lines = ["下载本文档", "时间：2024-11-10 17:04:24 来源：作文网 作者：管理员",
             "关于推行劳动合同示范文本的通知", "各区县人力资源社会保障局：",
             "为规范用人单位劳动合同管理，现将劳动合同示范文本印发给你们，请结合实际推广使用。",
             "附件：1．劳动合同范本一", "2．劳动合同范本二", "附件1", "劳动合同范本一", "甲方（用人单位）名称：",
             "有关福建的心得体会范本一"]
    got = found(lines)
    assert 11 in got  # a collection's heading on the site's page
    assert not set(got) & {6, 7, 8, 9}


# --- the review of the misses on a download sample: the document's own lines stay its own ---------------

SCHEDULE = ["2024年全市基层党组织书记培训计划",
            "为进一步提升基层党组织书记履职能力，市委组织部决定分三期举办示范培训班。现将培训安排公布如下。",
            "第1期全市基层党组织书记示范培训班 2024年3月11日至3月15日 市委党校",
            "第2期全市基层党组织书记示范培训班 2024年4月8日至4月12日 市委党校",
            "第3期全市基层党组织书记示范培训班 2024年5月13日至5月17日 市委党校",
            "本文来源于网络，如有侵权请联系删除。"]


def test_a_schedules_lines_that_repeat_with_their_dates_are_no_viewers_captions():
    assert set(found(SCHEDULE)) == {6}


@pytest.mark.parametrize("line", [
    "请参会人员于2024/05/08 10:00前签到，不得无故缺席。",
    "会议定于2024/05/08 10:30在三楼会议室召开。",
    "报名时间：2024/05/08 09:00至2024/05/10 17:00。",
    "群众遇险拨打求救电话时，应说清自己当前的位置和周边标志物。",
    "现将近五年汛期降雨情况汇总如下。以下材料仅供参考。",
    "（一）申报表。请根据个人实际情况填写，格式见附件1。",
    "请勿在桌面快捷方式中保存账号密码。",
    "请各学院将毕业生名单导出，保存到电脑桌面后核对。",
    "相关数据仅限用于科研和公益用途，不得商用。",
    "例文（一）",
    "优秀教学设计范本（1）",
])
def test_a_notices_own_line_is_no_sites(line):
    lines = SPEECH[:3] + [line] + SPEECH[3:]
    assert 4 not in found(lines)


def test_tags_joined_by_commas_between_the_sites_lines_are_the_sites():
    lines = SPEECH + ["本站提供的范文仅供参考，禁止外传。", "格式,申请书,公文,标准", "更多范文请访问本站首页。"]
    got = found(lines)
    assert {len(SPEECH) + 1, len(SPEECH) + 2, len(SPEECH) + 3} <= set(got)


def test_a_cover_page_and_its_contents_under_a_files_name_are_the_documents():
    # the file's name and the site's note above a cover page: the cover's title, its company, the
    # title again and the contents (short lines in a row) are the document's, not tags of the site
    lines = ["办公管理制度.docx", "《办公管理制度.docx》由会员分享，可在线阅读，更多相关文档请在本站搜索。",
             "办公管理制度", "青松贸易有限公司", "办公管理制度", "目录", "第一章总则1", "第二章日常办公制度1",
             "第三章办公秩序管理制度2", "第四章值班管理制度4", "第五章接待管理规定7", "第六章会务管理制度9",
             "第七章保密规定10", "附则12", "青松贸易有限公司", "办公管理制度", "第一章总则",
             "第一条为规范公司办公室管理，提高工作效率，特制定本制度。"]
    got = found(lines)
    assert {1, 2} <= set(got)
    assert not set(got) & set(range(3, len(lines) + 1))


@pytest.mark.parametrize("line", ["3，注册资本：100万元", "注册地址：县经济开发区", "注册商标：青山", "登记注册号：123456"])
def test_a_companys_registered_capital_or_address_is_no_sites_form(line):
    # 注册 on a short line is a site's form (注册 登录 找回密码); a contract's 注册资本 and a company's
    # 注册地址 are the contract's own fields, and give no evidence that a header could take in
    from speechlint.kinds import promo

    (rule,) = [r for r in builtin_rules() if r.code == "SL501"]
    assert "ad" not in promo.judge(rule.options, line, False).kinds


def test_a_sites_register_button_is_still_its_form():
    from speechlint.kinds import promo

    (rule,) = [r for r in builtin_rules() if r.code == "SL501"]
    assert "ad" in promo.judge(rule.options, "注册 登录 找回密码", False).kinds


def test_a_tables_row_is_no_title_that_puts_the_guide_above_it_in_a_header():
    # a generated guide in list items without a full stop, a table at its end, the site's wish at the
    # top: the table's last row is no title of the document, so the items above it are no header
    lines = ["青禾问答为您分享以下内容",
             "党员民主测评的组织和打分需要遵循以下规范和步骤:",
             "一、测评准备",
             "- 测评前，党支部要向党员讲清测评的目的、内容和方法",
             "- 测评表应当提前印制，编号发放，当场收回",
             "二、注意事项",
             "- 需关注党员的一贯表现，避免只看一时一事",
             "三、示例表格",
             "| 姓名 | 政治素质 | 工作表现 | 综合评定 |",
             "|------|----------|----------|----------|",
             "| 王明 | 90 | 86 | 良好 |",
             "| 刘芳 | 82 | 88 | 良好 |",
             "测评结果要及时向党员本人反馈，并作为评先评优的重要依据。"]
    got = found(lines)
    assert 1 in got  # the site's line
    assert not set(got) - {1}


def test_a_kind_of_documents_title_numbered_over_its_texts_on_a_page_with_a_sites_line():
    # one line of the site's (its editor's frame) is enough when the title names a kind of document
    # and the page numbers it over its texts from 1: the numbers are the site's, the titles stay
    texts = ["门店管理制度1", "1、营业前做好卫生清洁工作。", "2、上班时间不得擅自离岗。",
             "门店管理制度2", "1、员工应按时上下班。", "2、爱护门店的公共财物。"]
    lines = ["随着门店越来越多，制度的作用越来越大，下面是小编为大家整理的门店管理制度，欢迎阅读。"] + texts
    got = [d for d in lint_text("\n".join(lines) + "\n", builtin_rules()) if d.code.startswith("SL5")]
    assert {d.line for d in got} == {1, 2, 5}
    assert all(d.line == 1 or d.column == len("门店管理制度") + 1 for d in got)  # the number alone
    # without any line of a site's, a document's own numbered titles are left alone
    assert not found(texts)
    # and a title that names no kind of document is not taken on one site's line (表1, 清单1 are captions)
    listed = [lines[0], "重点项目清单1", "1、城东污水处理厂。", "重点项目清单2", "1、城西供水管网。"]
    assert set(found(listed)) == {1}


def test_a_collections_number_before_a_title_is_the_sites_on_a_sites_page_only():
    # 【篇一】 before a sample's title, on a page with two of the site's lines; a book's outline on a
    # page with one line of an account's own (扫码关注…) keeps its 【篇一】 headings
    sample = ["【篇一】机关作风建设工作计划", "为深入推进机关作风建设，结合本单位实际，制定本计划。",
              "【篇二】机关作风建设工作总结", "今年以来，我局坚持问题导向，推动作风持续好转。"]
    got = found(["机关作风建设工作计划范文四篇", "下面是小编为大家整理的工作计划范文，欢迎阅读。"] + sample)
    assert {3, 5} <= set(got)
    assert not set(got) & {4, 6}
    outline = ["【篇一】理想信念", "坚定理想信念是共产党人的政治灵魂。", "【篇二】能力本领", "本领恐慌是干部成长的大敌。"]
    got = found(outline + ["扫码关注“某区发布”公众号，了解更多信息。"])
    assert not set(got) & {1, 3}


# --- random strings appended to the lines -----------------------------------------------------------

def test_random_strings_at_the_ends_of_lines_are_the_sites_only_when_several():
    tails = [line + " " + tail for line, tail in zip(SPEECH[2:], ("q$8Lr", "W}3k!x", "m(P7@e", "Z;4t#b"))]
    lines = SPEECH[:2] + tails + ["Rx7mK2p"]
    assert set(found(lines)) == set(range(3, len(lines) + 1))
    assert not found(SPEECH[:2] + tails[:2] + SPEECH[4:])  # two: a code or a formula, may be the text's


def test_codes_addresses_and_notes_at_the_ends_of_lines_are_the_texts():
    ends = ["GB/T 9704-2012", "ISO 9001:2015", "ab.cd@example.cn", "(2024)", "[3]", "www.example.cn/a?b=1",
            "note-9).", "v2.1;", "8:00~8:30", "(0571)87001234", "Qs@0516", "5.6%", "C++", "R&D", "O(n log n)",
            "a^2+b^2=c^2", "y=a(x-h)^2+k", "We're ready", "PM2.5<35", "2023(5): 12-20."]
    lines = SPEECH[:2] + [f"{line} {end}" for line, end in zip(SPEECH[2:] * 4, ends)] + ["iPhone15", "## Notes",
                                                                                    "x = a[i] + b;", "| ID | Value |"]
    assert not found(lines)


def test_a_files_name_with_the_sites_badge_is_the_sites():
    got = found(["春季防火工作会议讲话稿.docx VIP"] + SPEECH)
    assert 1 in got and 2 not in got


# --- under the site's header: the title's counter, a collection's numbers, the site's name on a title

def test_a_number_under_a_title_and_parts_numbered_alone_are_the_texts_on_a_page_without_a_site():
    lines = ["述职报告", "2024", "本人自任职以来，认真履行岗位职责，较好地完成了各项工作任务。",
             "第1篇", "一年来，我始终把学习放在首位，不断提高自身素质和业务能力。"]
    assert not found(lines)


def test_a_libraries_name_in_a_title_given_once_is_the_texts():
    lines = ["青木文库建设三年行动方案", "为推进公共文化数字化，结合实际，制定本方案。"]
    assert not found(lines)
    lines = ["数字文库建设方案", "青木文库数字文库建设方案", "为推进公共文化数字化，结合实际，制定本方案。"]
    assert found(lines) == {2: "SL501"}


def test_a_name_after_a_bar_under_a_title_is_the_sites_under_its_header_only():
    header = ["青木范文网—公文写作好帮手", "青木范文网—公文写作好帮手"]
    text = ["乡镇新春茶话会致辞", "| 青木", "各位乡亲：大家好！", "在春节即将来临之际，我们欢聚一堂，共叙乡情。"]
    got = found(header + text)
    assert 4 in got and not {3, 5, 6} & set(got)
    assert not found(text)


# --- an article's date under its title, on a page with nothing else of a site's -------------------

NEWS = ["全县召开春季防火工作会议", "3月12日，全县春季防火工作会议召开，会议总结去年工作，部署今年任务。",
        "会议要求，各乡镇要落实属地责任，严防沉迷侥幸心理，免费为群众发放防火宣传资料。"]


def test_a_date_alone_or_under_its_label_is_the_articles_when_nothing_else_is_a_sites():
    for stamp in ("2025-10-30", "日期:2018/4/28 8:17:53", "2021-06-17 13:44:00  来源:宿城检察网"):
        assert not found(NEWS[:1] + [stamp] + NEWS[1:]), stamp


def test_a_date_under_a_title_is_the_sites_with_the_sites_lines_around():
    lines = ["首页 > 范文 > 讲话稿"] + NEWS[:1] + ["2025-10-30"] + NEWS[1:] + ["本文来源于网络，如有侵权请联系删除。"]
    assert {1, 3} <= set(found(lines))


def test_a_year_or_a_period_under_a_title_and_an_issuers_name_are_the_texts_under_a_sites_header():
    header = ["首页 > 范文 > 工作计划"]
    plan = ["青山市数字经济发展三年行动计划", "（2023—2025）", "为加快数字经济发展，结合我市实际，制定本计划。"]
    assert set(found(header + plan)) == {1}
    notice = ["关于开展2024年全民阅读月活动的通知", "青山数字文库关于开展2024年全民阅读月活动的通知",
              "各阅览室：", "现将有关事项通知如下。", "青山数字文库", "2024年4月1日"]
    assert 2 not in found(header + notice)


def test_a_tail_is_read_after_chinese_text_only_and_whole():
    from speechlint.kinds import promo
    assert promo._tail("中文。 x$1 x$1y") == (4, 12)  # both pieces, the first where it stands
    assert promo._tail("abc r%Tq8}") is None  # after English, no tail
    assert promo._tail("中文。" + "a" * 30 + " r%Tq8}") is None  # a long run of ASCII is the text's


def test_a_title_that_counts_the_sites_samples_in_square_brackets_is_the_sites():
    lines = ["[春季防火工作会议讲话稿3篇]", *SPEECH]
    assert found(lines).get(1) == "SL501"
    assert not set(found(lines)) - {1}  # the speech's own title and text stay clean


# --- a site's list of its other documents ------------------------------------------------------------

OFFERED = ["相关范文推荐：",
           "",
           "乡镇卫生院建设情况调研报告",
           "",
           "关于社区养老服务的调研报告",
           "",
           "县域物流发展调研报告之问题篇",
           "",
           "机关作风建设专项调研报告",
           "",
           "城区停车难问题调研报告（上）"]


def test_a_list_of_titles_that_name_a_kind_of_document_next_to_a_sites_line_is_the_sites():
    page = ["本站整理的调研报告范文，仅供参考，禁止转载。", ""] + OFFERED[2:]
    got = found(page)
    assert lines_of(got, page, "乡镇", "关于社区", "县域", "机关", "城区") <= set(got)


def test_a_list_of_titles_that_a_notice_gives_in_its_text_is_its_own():
    # the same titles under a sentence of the text and above its signature: no site's line beside them
    notice = ["关于公布2024年度优秀调研报告评选结果的通知",
              "各乡镇、各部门：",
              "经评审，以下调研报告被评为年度优秀调研报告，现予公布。"] + OFFERED[2:] + [
              "希望各单位认真学习借鉴，进一步提高调查研究水平。",
              "县委办公室",
              "2024年12月20日"]
    assert found(notice) == {}


# --- a sentence of the text with a word that sites use too ---------------------------------------------

BODY = ["青山县图书馆2024年工作总结",
        "今年以来，县图书馆围绕全民阅读，扎实推进各项工作。",
        "全年举办读书分享会36场，参与读者1.2万人次。",
        "持卡读者凭证即可免费借阅，馆内新增相关文章汇编10册。",
        "县作协会员免费参加了全年的文学讲座。",
        "明年，我们将进一步完善服务体系，推动阅读活动向基层延伸。",
        "县图书馆",
        "2024年12月20日"]


def test_a_sentence_of_the_text_with_a_sites_word_and_nothing_else_of_a_site_is_the_texts():
    assert found(BODY) == {}


def test_the_same_sentence_among_a_sites_lines_is_the_sites():
    # a site's header above the text: its other lines give the sentences with its words away
    page = ["当前位置：首页 > 工作总结 > 图书馆", "本站所有文档仅供学习交流，禁止转载。"] + BODY
    got = found(page)
    assert 1 in got and 2 in got
    assert lines_of(got, page, "县作协会员") <= set(got)


def test_a_sites_framing_above_the_text_is_the_sites_alone():
    # the site's word in a sentence above the opening of the text: the site's introduction
    page = ["以下是为大家整理的图书馆工作总结，欢迎阅读参考。"] + BODY
    assert 1 in found(page)


def test_a_numbered_heading_of_the_text_with_a_sites_word_is_the_texts():
    report = BODY[:3] + ["二、数字资源介绍"] + BODY[3:]
    assert found(report) == {}


def test_a_title_given_again_under_the_pages_stamp_is_the_sites_repeat():
    page = ["当前位置：首页 > 公文范文 > 青山县水利局2024年工作总结",
            "青山县水利局2024年工作总结",
            "来源：某某文库 | 时间：2024-12-30 09:12:45",
            "青山县水利局2024年工作总结",
            "今年以来，县水利局围绕防汛抗旱和水资源保护，扎实推进各项工作。"]
    got = found(page)
    assert 4 in got and 2 not in got  # the first copy stays, the one under the stamp is the site's


def test_a_sentence_that_quotes_an_adverts_words_mentions_them():
    report = BODY[:3] + ["对以“免费领取”“限时优惠”为幌子骗取老年人钱财的，坚决依法打击。"] + BODY[3:]
    assert found(report) == {}


# --- the page's footer under its last found line ----------------------------------------------------

FOOTER = ["长按识别二维码，关注青木文库公众号获取更多范文", "版权说明", "本文为作者原创，请勿二次传播，一经发现将收回会员权益。",
          "微信服务号", "联系客服"]


def test_a_footer_of_the_sites_words_under_its_last_found_line_is_the_sites_to_the_end():
    # four lines below the found one, each an advert's word or none: the gap between the found line
    # and the page's end is the site's footer, not a gap between the site's lines and the text
    lines = SPEECH + FOOTER
    got = found(lines)
    assert set(range(len(SPEECH) + 1, len(lines) + 1)) <= set(got)
    assert not set(got) & set(range(1, len(SPEECH) + 1))


def test_the_texts_last_lines_under_a_found_line_stay_the_texts():
    # a sentence of the text or a heading below the site's line ends the footer
    lines = SPEECH[:3] + FOOTER[:1] + SPEECH[3:]
    got = found(lines)
    assert not set(got) & (set(range(1, 4)) | set(range(5, len(lines) + 1)))


def test_a_pages_two_character_label_opens_no_text():
    # 字号： has a salutation's form but names no reader: the site's note under it stands above the
    # opening of the text, where a site's intro is found on its own
    lines = ["春季防火工作会议讲话稿", "字号：", "下面是青木网提供的春季防火工作会议讲话稿，欢迎阅读。"] + SPEECH[1:]
    got = found(lines)
    assert 3 in got
    assert not set(got) & set(range(4, len(lines) + 1))


def test_a_salutation_of_two_characters_that_names_readers_opens_the_text():
    lines = ["家长：", "今天我给大家分享三点体会。"] + SPEECH[2:]
    assert not found(lines)


# --- a notice's own lines that look like a site's -----------------------------------------------------

NOTICE = ["关于开展政务网站内容检查的通知", "各乡镇人民政府，县直各单位：",
          "为提升政务网站服务水平，现就开展内容检查有关事项通知如下。",
          "一、检查内容", "重点检查信息发布是否及时、栏目内容是否准确。"]
SIGNED = ["青山县人民政府办公室", "2025年3月12日"]


def test_a_line_of_the_text_about_copyright_feedback_is_the_texts():
    # 版权反馈 is a site's button alone or at the end of its bar, not a word of a notice's sentence
    lines = NOTICE + ["建立健全版权反馈机制"] + SIGNED
    assert not found(lines)


def test_a_domain_given_under_a_label_is_a_notices_own_channel():
    lines = NOTICE + SIGNED + ["官网：qingshan.cn"]
    assert not found(lines)


def test_a_row_that_begins_with_the_home_page_and_holds_a_clause_is_no_breadcrumb():
    # a line of a checklist of the site's own pages, not the page's path to the article
    lines = ["首页 内容更新及时，链接正常"] + NOTICE + SIGNED
    assert not found(lines)


def test_a_salutation_of_two_characters_opens_the_text_whatever_it_names():
    # 读者：, 考生：, 游客： open a text as 同志们： does: the sentence under it is the text's
    lines = ["读者：", "下面是本报提供的春季防火知识，欢迎阅读。"] + SPEECH[2:]
    assert not found(lines)


def test_the_list_under_a_found_line_that_leads_in_to_it_is_not_the_sites_block():
    # the lines a lead-in introduces are its list: more than max-gap of them end the block there,
    # though each has a word of its own that would not count towards a gap
    accounts = ["“青山发布”微信公众号", "“青山应急”微信公众号", "“青山林业”微信公众号",
                "“青山融媒”微信公众号", "“青山消防”微信公众号"]
    lines = SPEECH + ["欢迎扫码关注以下政务公众号："] + accounts
    got = found(lines)
    assert not set(got) & set(range(len(SPEECH) + 2, len(lines) + 1))


def test_a_text_typed_with_half_width_marks_opens_at_its_first_sentence():
    # 我是有“最”之人! opens the text as 我是有“最”之人！ does: the titles above it, with a site's word
    # of their own (会员), are the page's heading and the document's title, not the site's header
    header = ["电脑桌面", "添加青木范文网 | 公文写作素材范文网站到电脑桌面", "安装后可以在桌面快捷访问"]
    body = ["青山县演讲学会第三次会员代表大会上的讲话", "", "我是有“最”之人!", "",
            "身体最重,头发最白。作为会长,又深深感到讲话“最难”。"]
    got = found(header + [""] + ["在青山县演讲学会第三次会员代表大会上的讲话"] + [""] + body)
    assert {1, 2, 3} <= set(got)
    assert not set(got) & set(range(7, 12))


def test_a_sites_opening_paragraph_that_defines_the_kind_and_brings_its_samples_is_the_sites():
    # the sentence that introduces the kind of text is the site's blurb when the paragraph ends with
    # its editor bringing the samples; a 公文's paragraph that mentions an editorial office is the text's
    lines = ["倡议书是为倡议某项活动而写的公开书信。下面是小编帮大家整理的倡议书范文，希望大家喜欢。", "",
             "节约粮食倡议书", "全县广大干部群众：", "粮食是我们生存和发展的基础，每一粒粮食都来之不易。"]
    got = found(lines)
    assert 1 in got and not set(got) & {3, 4, 5}
    assert not found(["以下是本刊编辑部整理的读者来信摘要，供各单位参考。",
                      "今年以来，全县围绕春季防火开展了一系列工作，取得了明显成效。"])


def test_a_copy_of_the_breadcrumbs_title_under_the_texts_first_numbered_heading_is_no_title():
    # the page names its article in the breadcrumb and gives its title; the title again under 一、…
    # is a running head of the text, so the title above stays the document's
    page = ["首页 > 工作 > 工作报告 > 青山县水利局工作自评报告", "", "青山县水利局工作自评报告", "",
            "来源：青木文书网    阅读：2.95W 次", "", "分享到微信", "", "一、基本情况", "",
            "青山县水利局工作自评报告", "", "（一）工作开展情况", "",
            "今年以来，县水利局围绕防汛抗旱和水资源保护，扎实推进各项工作。"]
    got = found(page)
    assert {1, 5, 7} <= set(got)
    assert 3 not in got and not set(got) & set(range(9, 16))


def test_rows_of_the_sites_titles_between_bars_are_the_sites():
    page = ["倡议书范文10篇", "倡议书是为倡议某项活动而写的公开书信。下面是小编帮大家整理的倡议书范文，希望大家喜欢。",
            "倡议书的写法 | 节约用水倡议书 |", "保护环境倡议书 | 垃圾分类倡议书 |",
            "绿色出行倡议书 | 文明祭扫倡议书 |", "节约粮食倡议书 | 全民阅读倡议书 |"]
    body = ["倡议就是倡导、建议。倡议书是为倡议、发起某项活动而写的号召性的公开提议性的书信。",
            "倡议书的特点主要有以下几个方面："]
    got = found(page + body)
    assert set(range(1, len(page) + 1)) <= set(got)
    assert not set(got) & {len(page) + 1, len(page) + 2}


def test_a_title_with_a_bar_in_it_stays_the_documents_title():
    lines = ["学习贯彻纪律处分条例|严查违规吃喝", "青山县纪委监委", "今年以来，县纪委监委把纠治违规吃喝作为作风建设的重点，持续释放越往后越严的信号。"]
    assert not found(lines)


def test_a_collections_heading_is_the_sites_on_a_page_whose_one_site_line_announces_several_texts():
    page = ["青木网小编为你整理了多篇相关的《调查报告的格式》，希望对你有帮助。",
            "第一篇：调查报告的格式要求", "策划之前，第一步必须进行的是对目标市场的了解。",
            "一、市场调查报告的格式一般由标题、目录、概要、正文等几部分组成。"]
    got = found(page)
    assert {1, 2} <= set(got) and not set(got) & {3, 4}
    # a text that numbers its own parts so, under no site's line, keeps them
    assert not found(["第一篇：总体要求", "各乡镇要落实属地责任，把防火责任分解到村、到组、到人。"])


def test_a_sites_line_that_names_one_text_announces_no_collection():
    # 上一篇：… 下一篇：… and 一篇 name one text each: the text's own 第一篇：, 第二篇： stay the text's
    lines = ["党建工作手册（2024年版）", "本手册供各党支部日常工作使用。", "第一篇：基本制度",
             "党支部每月召开一次支部委员会。", "第二篇：工作流程", "发展党员须经过五个阶段。",
             "上一篇：党支部工作制度汇编　下一篇：党员发展工作细则"]
    got = found(lines)
    assert 7 in got and not set(got) & {1, 2, 3, 4, 5, 6}


def test_a_title_of_three_parts_between_bars_under_a_breadcrumb_is_the_documents():
    page = ["首页 > 党建工作 > 学习教育", "学党史｜悟思想｜办实事", "发布时间：2024-05-01　来源：本站　浏览次数：120",
            "为深入开展党史学习教育，我局组织全体党员赴革命纪念馆参观学习。",
            "参观结束后，大家纷纷表示，要把学习成果转化为推动工作的实际行动。"]
    got = found(page)
    assert {1, 3} <= set(got) and not set(got) & {2, 4, 5}


def test_a_menus_entries_between_the_sites_lines_are_the_sites_however_long():
    # an entry of a site's menu of categories (• 能源/化工/环保>) has a title's length; among the
    # menu's other entries it is one of them, not the document's title
    page = ["欢迎来到青木办公! | 帮助中心 青木办公qingmu.com(应用文档模板下载平台)", "青木办公", "全部分类",
            "  • 办公文档>", "  • PPT模板>", "  • 能源/化工/环保>", "  • 毕业设计>", "  • 工程图纸>",
            "  • 教育教学>", "  • 临时分类>", "  • ImageVerifierCode 换一换",
            "    首页 青木办公 > 资源分类 > DOC文档下载"]
    got = found(page + SPEECH)
    assert set(range(2, len(page) + 1)) <= set(got)
    assert not set(got) & set(range(len(page) + 1, len(page) + len(SPEECH) + 1))


def test_a_documents_list_of_long_entries_under_its_title_stays_the_documents():
    # the same form in the text, below the title and the opening, is the text's own list
    lines = SPEECH[:3] + ["  • 能源/化工/环保>", "  • 乡村振兴资料汇编>"] + SPEECH[3:]
    assert not found(lines)


def test_a_sites_extract_that_opens_as_the_text_below_it_is_the_sites():
    page = ["首页 理论教育 通用公文写作的基本要求", "通用公文写作的基本要求", "时间:2022-04-02 理论教育 版权反馈",
            "【摘要】:五、通用公文写作的基本要求在介绍通用公文写作的基本要求时,我们必须明确,有关要求也是公文写作的要求。"
            "公文的行文关系,包括以下几类。",
            "五、通用公文写作的基本要求",
            "在介绍通用公文写作的基本要求时,我们必须明确,有关秘书写作的要求,同时也是通用公文写作的基本要求。"]
    got = found(page)
    assert 4 in got
    assert not set(got) & {2, 5, 6}


def test_a_papers_own_abstract_sums_its_text_up_and_stays():
    lines = ["乡村振兴背景下县域公文写作规范研究", "摘要：本文以青山县近三年的公文为样本，分析了公文写作中常见的格式问题，提出了改进建议。",
             "关键词：公文；写作；规范", "一、引言",
             "公文是党政机关实施领导、履行职能、处理公务的具有特定效力和规范体式的文书。"]
    assert not found(lines)
    # nor does an abstract whose first words the text repeats only in part (fewer than EXTRACT_LEN)
    lines2 = ["县域公文写作规范研究", "摘要：公文是党政机关实施领导的文书，本文分析其格式问题。", "一、引言",
              "公文是党政机关实施领导、履行职能、处理公务的具有特定效力和规范体式的文书。"]
    assert not found(lines2)


def test_a_menu_is_the_sites_whole_when_one_of_its_entries_is_found():
    # the site's line at the top is found by nothing of its own; the menu's entries • pptx模板> and
    # • 工商注册> are: the menu is one thing, all its entries the site's
    page = ["欢迎来到青木阁 - 分享文档赚钱的网站! | 帮助中心 好文档才是您的得力助手!", "青木阁 - 分享文档赚钱的网站",
            "全部分类", "  • 研究报告>", "  • 管理文献>", "  • 标准材料>", "  • 技术资料>", "  • pptx模板>",
            "  • 工商注册>", "  • 期刊短文>", "  • ImageVerifierCode 换一换", "    青山县绩效目标设定.pptx",
            "    • 资源ID:87151348       资源大小:390.93KB        全文页数:45页",
            "    • 资源格式: PPTX        下载积分:20金币", "    快捷下载 游客一键下载", "    会员登录下载"]
    got = found(page + SPEECH)
    assert set(range(4, 11)) <= set(got)
    assert not set(got) & set(range(len(page) + 1, len(page) + len(SPEECH) + 1))


def test_a_stamp_between_a_title_and_the_salutation_of_a_letter_is_the_pages():
    # a letter (思想汇报 to 敬爱的党组织：) or a speech speaks to its addressee: no article with a byline
    for stamp in ("时间:2022-10-21 19:43:20", "2024-03-15 09:30", "日期：2023/5/8"):
        lines = ["3月入党积极分子思想汇报：坚定理想信念", stamp, "敬爱的党组织：",
                 "通过近一个月的学习，我对党的性质和宗旨有了更深刻的认识。", "汇报人：李明", "2024年3月15日"]
        assert set(found(lines)) == {2}, stamp
    # the same date under a news article's title, with nothing else of a site's, stays the article's
    assert not found(NEWS[:1] + ["2024-03-15 09:30"] + NEWS[1:])


def test_a_stamp_whose_source_is_the_kind_of_text_the_site_files_it_under_is_the_sites():
    # 来源:检讨书: no newspaper or office is called so; it is the site's category of the page
    lines = ["发布时间:2016-11-26 来源:检讨书", "9月16日，我因为校服不配套而被学生会记录，在此深刻检讨自己的错误。",
             "作为高三的学生，我们在新制度下一定要给学弟学妹做好榜样。"]
    assert set(found(lines)) == {1}
    assert not found(["发布时间:2016-11-26 来源:县教育局"] + lines[1:])


def test_copies_of_the_title_inside_the_text_make_no_title_bar_of_the_title_over_its_stamp():
    # the title, the site's stamp under it, the text; the site gives the title again between the
    # text's sections: the top line is still the article's title
    lines = ["情况说明的正规格式、情况说明书怎么写", "admin3 2025-06-19 02:25:02",
             "作为信息传递的重要工具，情况说明书广泛应用于各类工作场景，其格式是否规范直接影响沟通效果。",
             "一、格式规范", "情况说明的正规格式、情况说明书怎么写",
             "根据要求，情况说明书的标准化格式包含标题、称谓、正文、落款和日期五个要素。",
             "二、写作要点", "情况说明的正规格式、情况说明书怎么写", "正文要分段阐述事件的背景、经过和结果，做到实事求是。"]
    got = found(lines)
    assert 2 in got and 1 not in got


def test_a_sites_lead_in_naming_the_texts_title_is_the_sites_and_the_title_under_it_the_texts():
    page = ["当前位置:青木范文网 >", "书信 >感谢信 >", "感谢信的概念与特点", "感谢信的概念与特点",
            "以下是我在搜集到的感谢信的概念与特点", "感谢信的概念与特点", "一、感谢信的概念与主要特点",
            "感谢信是向帮助、关心和支持过自己的集体或个人表示感谢的专用书信。",
            "感谢信有感谢和表扬的双重意思，写作时要把感谢的事由写清楚。"]
    got = found(page)
    assert {1, 2, 4, 5, 6} <= set(got)  # the lead-in, and the repeats of the title that the first copy gives
    assert not set(got) & {3, 7, 8, 9}


def test_a_documents_own_lead_in_to_its_list_stays():
    lines = ["关于征求群众意见情况的报告", "县委：", "按照县委部署，我乡开展了征求意见活动。现将有关情况报告如下。",
             "以下是我乡收集到的群众意见", "一是道路维修不及时。", "二是文化活动较少。"]
    assert not found(lines)


def test_a_governments_byline_over_a_notices_addressees_stays_the_articles():
    # a byline that names its source, over a 通知's addressees or a speech's 同志们： (not a letter's salutation)
    for below in ("各区县应急管理局，市直有关单位：", "同志们："):
        lines = ["关于做好春节期间安全生产工作的通知", "发布时间：2024-01-20 10:30  来源：青山市应急管理局", below,
                 "春节将至，为切实做好节日期间安全生产工作，现就有关事项通知如下。"]
        assert not found(lines), below


def test_a_papers_introduction_that_repeats_its_abstract_leaves_the_abstract_the_papers():
    lines = ["数字经济背景下县域治理能力提升路径研究",
             "摘要：随着数字经济的快速发展，县域治理面临新的机遇和挑战。本文以青山县为例，分析了数字化转型中的问题。",
             "关键词：数字经济；县域治理；能力提升", "一、引言",
             "随着数字经济的快速发展，县域治理面临新的机遇和挑战，如何提升治理能力成为重要课题。"]
    assert not found(lines)


def test_a_documents_lead_in_to_its_list_under_its_title_stays():
    lines = ["2024年度重点工作任务", "以下为我局的2024年度重点工作任务：", "一、加强组织领导。", "二、狠抓工作落实。"]
    assert not found(lines)


def test_a_guides_paragraph_ending_with_an_address_is_no_previews_chunk():
    first = "1、" + "下载本应用请访问官方网站，按提示完成注册和实名认证，" * 10 + "https://app.example.com/download"
    lines = [first, "2、iOS用户请在应用商店搜索青山政务并安装。"]
    assert not found(lines)


def test_a_menu_marked_with_double_circles_is_one_thing_too():
    page = ["工作总结范文", "◎ 工作总结>", "◎ 工作计划>", "◎ 范文下载>", "◎ 演讲稿>", "◎ 述职报告>"]
    got = found(page + SPEECH)
    assert set(range(2, 7)) <= set(got)
    assert not set(got) & set(range(len(page) + 1, len(page) + len(SPEECH) + 1))


def test_a_cover_notes_lead_in_to_its_own_report_stays():
    # 以下是…的<title> over that title: the site's only when it presents what it collected (收集, 整理…)
    lines = ["各位同事：", "以下是我部门的2024年第三季度工作总结", "2024年第三季度工作总结",
             "三季度，我部门围绕年度目标，扎实推进各项工作，主要指标完成良好。"]
    assert not found(lines)


# --- a 公文's attachments linked by their files' names ---------------------------------------------

NOTICE = ["清河县水务局关于水土保持方案审批决定的公告",
          "经技术审查，现将本月审批的生产建设项目水土保持方案予以公告。",
          "联系电话：0123-68724690", "通讯地址：清河县滨河大道1号"]


def test_files_named_under_a_notices_contact_lines_are_its_attachments():
    assert found(NOTICE + ["2024年3月份审批项目.xlsx", "审批项目说明.docx"]) == {}


def test_a_files_name_is_the_sites_with_the_sites_words_or_its_lines_above():
    lines = NOTICE + ["水土保持方案范文.docx"]
    assert found(lines).get(len(lines)) == "SL501"  # a name in the site's words
    lines = ["本文档由会员上传，仅供学习参考"] + NOTICE + ["水土保持方案公告.docx"]
    assert found(lines).get(len(lines)) == "SL501"  # the site's line above gives it away
    lines = NOTICE + ["2024年3月份审批项目.xlsx", "今年全县共审批项目一百二十个。"]
    assert len(lines) - 1 in found(lines)  # not at the text's end: a file's name inside it
    lines = NOTICE + [NOTICE[0] + ".docx"]
    assert found(lines).get(len(lines)) == "SL501"  # the page's file of the text itself
    lines = NOTICE[:2] + ["联系电话：0123-68724690 青木范文网www.qmfw.com/转载请保留", "2024年3月份审批项目.xlsx"]
    assert found(lines).get(len(lines)) == "SL501"  # a mark the site wedged in gives it away


# --- which copy of a title given twice around the site's header goes ----------------------------------

def test_the_first_copy_of_a_title_stays_and_the_repeat_under_the_sites_header_goes():
    title = "在全县安全生产工作会议上的讲话"
    page = [title, "", "时间：2024-05-06 10:20:30", "", "下面是小编为大家整理的讲话稿，欢迎阅读。", "", title, "",
            "同志们：", "今天召开全县安全生产工作会议，主要任务是分析形势、部署工作。"]
    got = found(page)
    assert {3, 5, 7} <= set(got) and 1 not in got and not set(got) & {9, 10}


def test_a_line_of_the_text_between_the_copies_keeps_the_copy_over_the_text():
    # a subtitle that no rule finds stands between: the copies are not the title and its repeat
    title = "在全县安全生产工作会议上的讲话"
    page = [title, "下面是小编为大家整理的讲话稿，欢迎阅读。", "——县长　王某某", title, "同志们：",
            "今天召开全县安全生产工作会议，主要任务是分析形势、部署工作。"]
    got = found(page)
    assert 4 not in got and 2 in got


def test_a_first_copy_that_is_an_entry_of_a_related_list_is_not_swapped():
    # (a probe review's 19): the entry stays found, and the title over the text stays the text's
    title = "2024年党风廉政建设工作总结"
    page = ["相关推荐：", title, "2024年上半年工作总结", "2023年度个人述职报告", "下面是小编为大家整理的总结，欢迎阅读。",
            title, "2024年，在局党组的正确领导下，全局上下认真落实全面从严治党主体责任，各项工作取得新成效。"]
    got = found(page)
    assert 2 in got and 6 not in got


def test_copies_indented_differently_are_not_swapped():
    title = "在全县安全生产工作会议上的讲话"
    page = ["\u3000\u3000" + title, "时间：2024-05-06 10:20:30", "下面是小编为大家整理的讲话稿，欢迎阅读。", title,
            "同志们：", "今天召开全县安全生产工作会议，主要任务是分析形势、部署工作。"]
    got = found(page)
    assert 4 not in got
