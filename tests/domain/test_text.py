import pytest

from gwinong_desktop.domain.text import has_unsafe, xml_safe


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("비고\x00\x01\x08\x0b\x0c\x0e\x1f끝", "비고끝"),
        ("붙여넣기\ufffe\uffff", "붙여넣기"),
        ("외톨이\ud800\udfff서로게이트", "외톨이서로게이트"),
        ("탭\t줄\n바꿈\r", "탭\t줄\n바꿈\r"),
        ("𝄞 한글 ㎡ ☎ \ufffd", "𝄞 한글 ㎡ ☎ \ufffd"),
        ("", ""),
    ],
)
def test_only_what_xml_cannot_hold_is_removed(raw, clean):
    assert xml_safe(raw) == clean
    assert has_unsafe(raw) is (raw != clean)
