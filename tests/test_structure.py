"""The parts of a 公文 (GB/T 9704-2012) are the document's own text: a clean notice with all of
them (版头, 发文字号, 主送机关, 附件说明, 署名, 成文日期, 附注 with phone and e-mail, 附件, 版记)
gets no finding, and fixes leave it as it is."""
import shutil
from pathlib import Path

import pytest

from conftest import builtin_rules, lint_text, run_cli
from speechlint import structure

NOTICE = Path(__file__).resolve().parent / "documents" / "notice.txt"


def test_a_clean_notice_with_every_part_gets_no_finding():
    diags = lint_text(NOTICE.read_text(encoding="utf-8"), builtin_rules(), path="notice.txt")
    assert [(d.line, d.code, d.message) for d in diags] == []


def test_fixes_leave_a_clean_notice_unchanged(tmp_path):
    target = tmp_path / "notice.txt"
    shutil.copy(NOTICE, target)
    before = target.read_bytes()
    proc = run_cli(["--isolated", "--fix", "--unsafe-fixes", "notice.txt"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("line, part", [
    ("丰政办发〔2025〕7号", "document-number"),
    ("附件：1. 重点任务分工表", "attachment"),
    ("附件2", "attachment"),
    ("（联系人：王建华，电话：0793-5551234）", "contact"),
    ("联系电话：0793-5551234　传真：0793-5551235", "contact"),
    ("抄送：县委办公室，县人大常委会办公室。", "copy-to"),
    ("丰溪县人民政府办公室　　2025年3月12日印发", "issued"),
    ("2025年3月12日", "date"),
    ("二〇二五年三月十二日", "date"),
    ("丰溪县人民政府办公室", "signature"),
    ("各乡镇人民政府，县政府各部门：", "addressee"),
    ("要加强组织领导，确保各项任务落到实处。", None),
    ("墨香文苑", None),
    ("客服QQ：12345678", None),
    ("同志们：", "addressee"),
    ("账号：", None),  # a login form's fields are no 主送机关
    ("密码：", None),
])
def test_parts_are_recognised_by_their_form(line, part):
    assert structure.role(line) == part


def test_a_title_ending_in_a_common_word_is_no_signature():
    from speechlint.structure import role

    assert role("学习党史的几点体会") is None  # 体会 ends in 会, but it is no body
    assert role("推进工作的几点好处") is None
    assert role("某某街道社区居委会") == "signature"
    assert role("某某县公安局交警大队") == "signature"


def test_the_parts_of_a_version_head_are_the_documents():
    # GB/T 9704-2012 7.2: 份号 (six digits), 密级和保密期限, 紧急程度, each alone on its line
    from speechlint.structure import role

    assert role("000123") == "copy-number"
    assert role("机密★1年") == role("绝密") == "classification"
    assert role("特急") == role("加急") == "urgency"
    assert role("2024") is None and role("机密文件要妥善保管。") is None and role("1234567") is None
