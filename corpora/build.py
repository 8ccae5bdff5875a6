#!/usr/bin/env python3
"""Build the textwash sample corpus.

Reads the hand-written truth articles in corpora/source/, applies one damage recipe per
article (the RECIPES list below) and writes

    corpora/articles/NN_slug.txt       the damaged input a user would feed to textwash
    corpora/articles.jsonl             the same 24 damaged articles as JSON Lines
    corpora/articles.expected.jsonl    the same records with "text" set to the truth
    corpora/README.md                  description and the damage table (generated)

Every damage step is checked to be reversible while it is applied, and at the end each
article is run through an oracle that knows the recipe: it decodes the bytes, drops the
inserted junk lines, undoes each recorded step and normalizes white space; the result
must equal the truth byte for byte. Any failed check aborts the build.

Python 3 standard library only; deterministic (no randomness, no clocks).
Run from anywhere:  python3 corpora/build.py
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.join(HERE, "source")
ARTICLES_DIR = os.path.join(HERE, "articles")

NBSP = "\u00a0"


# ---------------------------------------------------------------------------
# Damage vocabulary. Paragraph numbers are 1-based and count non-blank lines of the truth.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Junk:
    """Insert one boilerplate line: where = "top", "end" or N (after paragraph N)."""
    where: object
    kind: str  # credit, caption+credit, ad, newsletter, share, related, copyright, wire, cookie, editor
    text: str


@dataclass(frozen=True)
class Mojibake:
    """Encode as UTF-8, decode as `codec`. No paras/words: the whole article (junk included)."""
    codec: str  # windows-1252 | latin-1 | windows-1251 | mac_roman
    paras: tuple = ()
    words: dict = field(default_factory=dict)  # {paragraph: (substring, ...)}
    layers: int = 1


@dataclass(frozen=True)
class LoneA:
    """The line ended in a no-break space that became "Â\u00a0"; the NBSP was then stripped."""
    paras: tuple


@dataclass(frozen=True)
class ASpace:
    """Every mid-line no-break space of the paragraph became "Â" + plain space."""
    paras: tuple


@dataclass(frozen=True)
class NFD:
    """Decompose (as macOS does). No paras: the whole file."""
    paras: tuple = ()


@dataclass(frozen=True)
class TrailingWS:
    suffixes: dict  # {paragraph: "spaces and tabs"}


@dataclass(frozen=True)
class BlankRuns:
    runs: dict  # {after paragraph: extra blank lines}; only in blank-separated articles


@dataclass(frozen=True)
class EdgeBlanks:
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class CRLF:
    pass


@dataclass(frozen=True)
class NoFinalNewline:
    pass


NORTHGATE_FOOTER = (
    Junk("end", "newsletter", "Sign up for our morning newsletter"),
    Junk("end", "copyright", "© 2026 Northgate Media. All rights reserved."),
)

# ---------------------------------------------------------------------------
# Recipes: one per article. "encoding" is the byte encoding of the damaged file.
# "bait": paragraphs whose sentences merely MENTION what a boilerplate stripper looks for
# (Getty, AFP, a photograph, advertising, subscriptions, "read more", share prices...);
# they are body text and must survive stripping. Steps are applied in the order written.
# ---------------------------------------------------------------------------

RECIPES = [
    dict(
        id="01", slug="en_storm", lang="en", language="English", script="Latin",
        outlet="northgate.example",
        url="https://northgate.example/news/2026/01/13/storm-isolde-batters-coast",
        title="Storm Isolde batters coast, leaving 40,000 homes without power",
        bait=(6, 8),
        encoding="utf-8",
        damage=[
            Junk(3, "caption+credit", "Waves break over the harbour wall in Port Harlow early on Tuesday. (Photo: Dana Whitcombe/AFP via Getty Images)"),
            Junk(4, "ad", "Advertisement"),
            Junk(6, "credit", "KIERAN MOSSLEY/AFP/Getty"),
            Junk("end", "wire", "AFP"),
            *NORTHGATE_FOOTER,
            Mojibake("windows-1252"),
            LoneA((2, 3, 7)),
            EdgeBlanks(end=2),
        ],
    ),
    dict(
        id="02", slug="en_coalition", lang="en", language="English", script="Latin",
        outlet="northgate.example",
        url="https://northgate.example/politics/2026/04/10/coalition-talks-collapse-greens-walk-out",
        title="Coalition talks collapse as Greens walk out over borrowing rules",
        bait=(6,),
        encoding="utf-8",
        damage=[
            Junk("top", "share", "Share this article"),
            Junk(2, "credit", "Photo: Marta Kowalska/Reuters"),
            Junk(4, "ad", "Advertisement"),
            Junk(7, "related", "Read more: Storm Isolde batters coast, leaving 40,000 homes without power"),
            Junk(8, "credit", "Getty Images"),
            Junk("end", "share", "Facebook Twitter WhatsApp Email"),
            *NORTHGATE_FOOTER,
            Mojibake("windows-1252", paras=(1, 4, 9)),
            Mojibake("windows-1252", paras=(3, 5), layers=2),
            TrailingWS({2: " ", 6: "\t", 7: "  ", 10: " \t"}),
        ],
    ),
    dict(
        id="03", slug="en_football", lang="en", language="English", script="Latin",
        outlet="harbourtimes.example",
        url="https://harbourtimes.example/sport/2026/04/25/late-aberg-penalty-sends-rovers-into-cup-final",
        title="Late Åberg penalty sends Kelsbridge Rovers into cup final",
        bait=(7,),
        encoding="utf-8",
        damage=[
            Junk(1, "caption+credit", "Jonas Åberg celebrates after scoring the winning penalty against Northfield City on Saturday. (AP Photo/Evan Ramirez)"),
            Junk(3, "ad", "ADVERTISEMENT"),
            Junk(6, "credit", "via Getty Images"),
            Junk("end", "wire", "— Associated Press"),
            Junk("end", "newsletter", "Subscribe to our newsletter to get the latest news"),
            Mojibake("latin-1"),
            CRLF(),
        ],
    ),
    dict(
        id="04", slug="en_satellite", lang="en", language="English", script="Latin",
        outlet="northgate.example",
        url="https://northgate.example/science/2026/03/04/student-built-satellite-sends-first-signal",
        title="Student-built satellite sends first signal from orbit",
        bait=(7,),
        encoding="utf-8",
        damage=[
            Junk("top", "cookie", "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies."),
            Junk(2, "credit", "Credit: Kelsbridge University Space Lab"),
            Junk(6, "related", "Related: Storm Isolde batters coast, leaving 40,000 homes without power"),
            Junk("end", "share", "Share on Facebook"),
            *NORTHGATE_FOOTER,
            Mojibake("windows-1252", words={
                3: ("\u201cWe", "\u2014", "screamed,\u201d"),
                4: ("\U0001F469\u200d\U0001F52C\U0001F6F0\ufe0f\u201d",),  # woman scientist (ZWJ) + satellite
                6: ("£186,000,", "½"),
            }),
            ASpace((2,)),
            BlankRuns({3: 2, 7: 3}),
        ],
    ),
    dict(
        id="05", slug="en_grocer", lang="en", language="English", script="Latin",
        outlet="northgate.example",
        url="https://northgate.example/business/2026/05/21/harlow-foods-to-cut-600-jobs",
        title="Harlow Foods to cut 600 jobs as profit slides",
        bait=(4,),
        encoding="utf-8",
        damage=[
            Junk(1, "credit", "REUTERS/Jana Novak"),
            Junk(3, "credit", "Image: Harlow Foods"),
            Junk(5, "related", "READ MORE: Supermarket prices rise for fifth month in a row"),
            Junk(7, "credit", "Photograph: Tom Hale/The Northgate"),
            Junk("end", "wire", "(Reporting by Ana Silva; Editing by Tom Brown)"),
            *NORTHGATE_FOOTER,
            Mojibake("windows-1251", paras=(3, 6, 9)),
            TrailingWS({1: "\t", 4: "\t\t", 5: " ", 8: "\t "}),
        ],
    ),
    dict(
        id="06", slug="fr_presse", lang="fr", language="French", script="Latin",
        outlet="courrier-estuaire.example",
        url="https://courrier-estuaire.example/culture/2026/03/17/le-courrier-fete-ses-150-ans",
        title="Le Courrier de l’Estuaire fête ses 150 ans et renonce au papier le lundi",
        bait=(3, 4, 5, 8),
        encoding="utf-8",
        damage=[],  # clean control
    ),
    dict(
        id="07", slug="de_nachtzug", lang="de", language="German", script="Latin",
        outlet="rheinblatt.example",
        url="https://rheinblatt.example/wirtschaft/2026/06/10/nordlicht-rail-streicht-nachtzug-nach-wien",
        title="Nordlicht Rail streicht Nachtzug von Köln nach Wien",
        bait=(6,),
        encoding="windows-1252",
        damage=[
            Junk(1, "credit", "Foto: dpa"),
            Junk(4, "related", "Lesen Sie auch: Neue Fernbuslinie nach Prag startet im März"),
            Junk(6, "ad", "Anzeige"),
            Junk("end", "share", "Teilen"),
            Junk("end", "copyright", "© 2026 Rheinblatt Verlag GmbH. Alle Rechte vorbehalten."),
            TrailingWS({3: " ", 8: "  "}),
            BlankRuns({5: 2}),
            EdgeBlanks(start=2),
        ],
    ),
    dict(
        id="08", slug="es_calor", lang="es", language="Spanish", script="Latin",
        outlet="diariodelsur.example",
        url="https://diariodelsur.example/sociedad/2026/06/24/cordoba-bate-su-record-de-temperatura",
        title="Córdoba alcanza 46,9 °C y bate su récord de temperatura en junio",
        bait=(6,),
        encoding="utf-8",
        damage=[
            Junk(1, "credit", "EPA-EFE/JAVIER MOLINA"),
            Junk(4, "ad", "Publicidad"),
            Junk(6, "related", "Lee también: La sequía obliga a restringir el agua en 20 municipios"),
            Junk("end", "share", "Compartir en Facebook"),
            Junk("end", "newsletter", "Suscríbete a nuestro boletín para recibir las últimas noticias"),
            Mojibake("windows-1251"),
            EdgeBlanks(end=3),
        ],
    ),
    dict(
        id="09", slug="pt_temporal", lang="pt", language="Portuguese (Brazil)", script="Latin",
        outlet="correiopaulista.example",
        url="https://correiopaulista.example/cotidiano/2026/03/14/temporal-alaga-ruas-e-paralisa-metro",
        title="Temporal alaga ruas e paralisa linhas do metrô em São Paulo",
        bait=(6,),
        encoding="utf-8",
        damage=[],  # clean control
    ),
    dict(
        id="10", slug="it_affreschi", lang="it", language="Italian", script="Latin",
        outlet="gazzettadelvalle.example",
        url="https://gazzettadelvalle.example/cultura/2026/05/08/riapre-la-cappella-di-san-lorenzo",
        title="Riapre la cappella di San Lorenzo dopo sei anni di restauri",
        bait=(7, 9),
        encoding="utf-8",
        damage=[
            Junk(2, "credit", "Foto: ANSA/Luca Bertoni"),
            Junk(5, "ad", "Pubblicità"),
            Junk(7, "related", "Leggi anche: Pompei, scoperta una nuova domus affrescata"),
            Junk("end", "newsletter", "Iscriviti alla nostra newsletter"),
            Junk("end", "share", "Condividi su WhatsApp"),
            Mojibake("mac_roman"),
            BlankRuns({3: 1, 8: 2}),
        ],
    ),
    dict(
        id="11", slug="pl_tramwaj", lang="pl", language="Polish", script="Latin",
        outlet="kuriercentralny.example",
        url="https://kuriercentralny.example/lodz/2026/02/19/nowa-linia-tramwajowa",
        title="Łódź zbuduje nową linię tramwajową za 412 mln zł",
        bait=(6,),
        encoding="utf-8",
        damage=[
            Junk(1, "credit", "Fot. Tomasz Wiśniewski/PAP"),
            Junk(4, "ad", "Reklama"),
            Junk(6, "related", "Czytaj także: Kolej wraca do Zgierza po 20 latach"),
            Junk("end", "share", "Udostępnij"),
            Junk("end", "copyright", "© 2026 Kurier Centralny. Wszelkie prawa zastrzeżone."),
            Mojibake("windows-1252"),
            TrailingWS({2: " ", 5: "\t", 9: "   "}),
        ],
    ),
    dict(
        id="12", slug="cs_plisne", lang="cs", language="Czech", script="Latin",
        outlet="denikvychod.example",
        url="https://denikvychod.example/veda/2026/09/02/test-odhali-plisen-v-obili",
        title="Brněnští vědci vyvinuli test, který odhalí plíseň v obilí za deset minut",
        bait=(7,),
        encoding="utf-8",
        damage=[
            Junk(1, "credit", "Foto: ČTK/Vojtěch Hrubý"),
            Junk(5, "ad", "Reklama"),
            Junk(8, "related", "Čtěte také: Sucho ohrožuje letošní úrodu brambor"),
            Junk("end", "share", "Sdílet"),
            Mojibake("mac_roman", paras=(2, 4, 9)),
            LoneA((3, 6)),
        ],
    ),
    dict(
        id="13", slug="tr_metrobus", lang="tr", language="Turkish", script="Latin",
        outlet="gundemhaber.example",
        url="https://gundemhaber.example/istanbul/2026/01/28/metrobus-hattina-elektrikli-otobus",
        title="İstanbul’da metrobüs hattına 120 elektrikli otobüs geliyor",
        bait=(6,),
        encoding="utf-8",
        damage=[
            Junk("top", "cookie", "Sitemizde çerezler kullanılmaktadır. Siteyi kullanmaya devam ederek çerez politikamızı kabul etmiş olursunuz."),
            Junk(1, "credit", "Fotoğraf: AA"),
            Junk(4, "ad", "Reklam"),
            Junk(6, "related", "İlgili haber: Marmaray’da yeni sefer saatleri belli oldu"),
            Junk("end", "share", "Paylaş"),
            Mojibake("latin-1", paras=(2, 4, 7)),
            BlankRuns({2: 2, 7: 1}),
            NoFinalNewline(),
        ],
    ),
    dict(
        id="14", slug="vi_mualon", lang="vi", language="Vietnamese", script="Latin",
        outlet="tinnhanhhanoi.example",
        url="https://tinnhanhhanoi.example/thoi-su/2026/07/21/mua-lon-nhieu-tuyen-pho-ngap-sau",
        title="Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố ngập sâu",
        bait=(6,),
        encoding="utf-8",
        damage=[
            Junk(3, "credit", "Ảnh: Minh Đức/TTXVN"),
            Junk(5, "ad", "Quảng cáo"),
            Junk(7, "related", "Đọc thêm: Miền Trung chủ động ứng phó với bão số 5"),
            Junk("end", "share", "Chia sẻ"),
            NFD(),
            TrailingWS({1: " ", 6: "  "}),
            EdgeBlanks(start=1, end=2),
        ],
    ),
    dict(
        id="15", slug="is_eldgos", lang="is", language="Icelandic", script="Latin",
        outlet="nordurfrettir.example",
        url="https://nordurfrettir.example/innlent/2026/02/11/eldgos-hafid-a-reykjanesskaga",
        title="Eldgos hafið á Reykjanesskaga",
        bait=(10,),
        encoding="utf-8",
        damage=[],  # clean control
    ),
    dict(
        id="16", slug="ru_nauka", lang="ru", language="Russian", script="Cyrillic",
        outlet="vestipovolzhya.example",
        url="https://vestipovolzhya.example/nauka/2026/09/14/v-kazani-otkrylsya-nauchnyy-centr",
        title="В Казани открылся крупнейший в Поволжье научный центр",
        bait=(5, 9),
        encoding="windows-1251",
        damage=[
            Junk(1, "credit", "Фото: Ильдар Хасанов/«Вести Поволжья»"),
            Junk(4, "ad", "Реклама"),
            Junk(6, "related", "Читайте также: В Самаре вышли на линию первые электробусы"),
            Junk("end", "newsletter", "Подпишитесь на наш Telegram-канал"),
            Junk("end", "copyright", "© 2026 «Вести Поволжья». Все права защищены."),
            TrailingWS({2: " ", 7: "\t"}),
            BlankRuns({3: 2, 8: 3}),
        ],
    ),
    dict(
        id="17", slug="uk_biblioteka", lang="uk", language="Ukrainian", script="Cyrillic",
        outlet="zakhidni-visti.example",
        url="https://zakhidni-visti.example/kultura/2026/10/03/u-lvovi-vidkryly-biblioteku",
        title="У Львові відкрили бібліотеку для людей з порушеннями зору",
        bait=(6, 7),
        encoding="utf-8",
        damage=[
            Junk(1, "credit", "Фото: Тарас Бойко"),
            Junk(3, "ad", "Реклама"),
            Junk(6, "related", "Читайте також: У Києві відновили рух трамваїв на Подолі"),
            Junk("end", "share", "Поділитися"),
            Mojibake("windows-1252"),
            Mojibake("windows-1252", paras=(4, 7)),
        ],
    ),
    dict(
        id="18", slug="el_akropoli", lang="el", language="Greek", script="Greek",
        outlet="neaathinon.example",
        url="https://neaathinon.example/politismos/2026/01/09/neo-rekor-episkepton-akropoli",
        title="Νέο ρεκόρ επισκεπτών στην Ακρόπολη το 2025",
        bait=(7,),
        encoding="utf-8",
        damage=[
            Junk(1, "credit", "Φωτογραφία: Νίκος Μαρκόπουλος/Eurokinissi"),
            Junk(5, "ad", "ΔΙΑΦΗΜΙΣΗ"),
            Junk(7, "related", "Διαβάστε επίσης: Κλειστοί οι αρχαιολογικοί χώροι λόγω καύσωνα"),
            Junk("end", "share", "Κοινοποίηση"),
            Mojibake("windows-1252", paras=(1, 5)),
            ASpace((4,)),
            NFD(paras=(3, 8)),
        ],
    ),
    dict(
        id="19", slug="ar_tahlia", lang="ar", language="Arabic", script="Arabic",
        outlet="alkhabar.example",
        url="https://alkhabar.example/economy/2026/11/15/solar-desalination-plant-opens",
        title="افتتاح أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة",
        bait=(6,),
        encoding="utf-8",
        damage=[
            Junk(1, "credit", "تصوير: أحمد الراشد"),
            Junk(4, "ad", "إعلان"),
            Junk(6, "related", "اقرأ أيضًا: ارتفاع الطلب على الكهرباء مع بداية الصيف"),
            Junk("end", "copyright", "© 2026 الخبر. جميع الحقوق محفوظة."),
            Mojibake("windows-1252", paras=(2, 5, 8)),
            LoneA((3, 7)),
            TrailingWS({1: " ", 9: "\t"}),
        ],
    ),
    dict(
        id="20", slug="he_chaishan", lang="he", language="Hebrew", script="Hebrew",
        outlet="hadashot-hayom.example",
        url="https://hadashot-hayom.example/science/2026/08/12/leak-sensor-haifa",
        title="חוקרים בחיפה פיתחו חיישן זול לגילוי דליפות מים",
        bait=(7, 9),
        encoding="utf-8",
        damage=[
            Junk(1, "credit", "צילום: יוסי לוי"),
            Junk(5, "ad", "פרסומת"),
            Junk(7, "related", "קראו עוד: מחיר המים יעלה בינואר"),
            Junk("end", "share", "שתפו בפייסבוק"),
            Mojibake("windows-1252", words={2: ("צינורות",), 4: ("רעידות", "הדליפה."), 6: ("חיישנים",)}),
            BlankRuns({4: 2}),
            EdgeBlanks(start=2),
            NoFinalNewline(),
        ],
    ),
    dict(
        id="21", slug="hi_barish", lang="hi", language="Hindi", script="Devanagari",
        outlet="samacharnama.example",
        url="https://samacharnama.example/delhi/2026/06/30/monsoon-first-rain-waterlogging",
        title="मानसून की पहली बारिश से दिल्ली में जलभराव, कई उड़ानें देरी से",
        bait=(6,),
        encoding="utf-16le-bom",
        damage=[
            Junk(1, "credit", "फोटो: अमित वर्मा"),
            Junk(4, "ad", "विज्ञापन"),
            Junk(6, "related", "यह भी पढ़ें: मुंबई में भारी बारिश का ऑरेंज अलर्ट"),
            Junk("end", "share", "शेयर करें"),
            BlankRuns({2: 2}),
            EdgeBlanks(start=1, end=2),
        ],
    ),
    dict(
        id="22", slug="zh_qishou", lang="zh", language="Chinese (simplified)", script="Han",
        outlet="dongfangribao.example",
        url="https://dongfangribao.example/shehui/2026/05/13/waimai-qishou-baoxian",
        title="杭州发布新规：外卖骑手将统一纳入职业伤害保障",
        bait=(6,),
        encoding="gbk",
        damage=[
            Junk(1, "caption+credit", "图为杭州街头的外卖骑手。（东方日报记者 李明 摄）"),
            Junk(4, "ad", "广告"),
            Junk(6, "related", "相关阅读：上海出台高温天气劳动保护新规"),
            Junk("end", "share", "分享到：微信 微博 QQ空间"),
            Junk("end", "editor", "（责任编辑：张伟）"),
            TrailingWS({3: "  ", 8: " "}),
            EdgeBlanks(start=1, end=1),
        ],
    ),
    dict(
        id="23", slug="ja_ooyuki", lang="ja", language="Japanese", script="Kanji + kana",
        outlet="kitanippo.example",
        url="https://kitanippo.example/news/2026/02/03/sapporo-record-snowfall",
        title="北海道で記録的な大雪　札幌の積雪は観測史上最多に",
        bait=(6,),
        encoding="shift_jis",
        damage=[
            Junk(1, "caption+credit", "【写真】雪に埋もれた乗用車（3日午前、札幌市北区）＝共同"),
            Junk(4, "ad", "広告"),
            Junk(6, "related", "関連記事：道東でも大雪　交通機関に乱れ"),
            Junk("end", "share", "この記事をシェアする"),
            Junk("end", "copyright", "無断転載・複製を禁じます"),
            CRLF(),
        ],
    ),
    dict(
        id="24", slug="ko_haeundae", lang="ko", language="Korean", script="Hangul",
        outlet="hanbitnews.example",
        url="https://hanbitnews.example/society/2026/08/18/haeundae-visitors-10-million",
        title="부산 해운대 해수욕장, 올여름 방문객 1천만 명 돌파",
        bait=(5,),
        encoding="utf-8",
        damage=[
            Junk(1, "credit", "사진=해운대구 제공"),
            Junk(4, "ad", "광고"),
            Junk(7, "related", "관련기사: 광안리 드론쇼, 10월까지 연장"),
            Junk("end", "copyright", "무단전재 및 재배포 금지"),
            Junk("end", "share", "공유하기"),
            Mojibake("windows-1252"),
            Mojibake("windows-1252", paras=(4, 8)),
            EdgeBlanks(end=2),
        ],
    ),
]


# ---------------------------------------------------------------------------
# Code pages. windows-1252 follows browsers (WHATWG): the five bytes Python's cp1252 leaves
# undefined (0x81 0x8D 0x8F 0x90 0x9D) map to the C1 controls U+0081 etc. The other code
# pages are used strictly: a byte they cannot decode makes the recipe fail.
# ---------------------------------------------------------------------------

class RecipeError(Exception):
    pass


def _code_page(pyname: str, c1_passthrough: bool):
    dec = []
    for b in range(256):
        try:
            dec.append(bytes([b]).decode(pyname))
        except UnicodeDecodeError:
            dec.append(chr(b) if c1_passthrough else None)
    enc = {ch: b for b, ch in enumerate(dec) if ch is not None}
    assert len(enc) == sum(ch is not None for ch in dec), pyname
    return dec, enc


CODE_PAGES = {
    "windows-1252": _code_page("cp1252", c1_passthrough=True),
    "latin-1": _code_page("latin-1", c1_passthrough=False),
    "windows-1251": _code_page("cp1251", c1_passthrough=False),
    "mac_roman": _code_page("mac_roman", c1_passthrough=False),
}


def mojibake(s: str, codec: str) -> str:
    """UTF-8 bytes of s read as `codec`. Raises if a byte has no character there."""
    dec, _ = CODE_PAGES[codec]
    out = []
    for b in s.encode("utf-8"):
        ch = dec[b]
        if ch is None:
            raise RecipeError(f"byte 0x{b:02X} of {s!r} has no character in {codec}: not reversible")
        out.append(ch)
    return "".join(out)


def unmojibake(s: str, codec: str) -> str:
    _, enc = CODE_PAGES[codec]
    try:
        raw = bytes(enc[ch] for ch in s)
    except KeyError as e:
        raise RecipeError(f"{e.args[0]!r} cannot be encoded back to {codec}") from None
    return raw.decode("utf-8")


def mojibake_checked(s: str, codec: str, layers: int) -> str:
    cur = s
    for _ in range(layers):
        nxt = mojibake(cur, codec)
        if unmojibake(nxt, codec) != cur:
            raise RecipeError(f"{codec} mojibake of {cur!r} does not round-trip")
        cur = nxt
    if cur == s:
        raise RecipeError(f"{codec} mojibake leaves {s!r} unchanged (pure ASCII?)")
    return cur


# ---------------------------------------------------------------------------
# Byte encodings of whole files.
# ---------------------------------------------------------------------------

ENCODING_LABEL = {
    "utf-8": "UTF-8",
    "windows-1252": "windows-1252",
    "windows-1251": "windows-1251",
    "shift_jis": "Shift_JIS",
    "gbk": "GBK",
    "utf-16le-bom": "UTF-16LE with BOM",
}


def encode_file(text: str, encoding: str) -> bytes:
    try:
        if encoding == "utf-8":
            data = text.encode("utf-8")
        elif encoding == "windows-1252":
            data = text.encode("cp1252")
        elif encoding == "windows-1251":
            data = text.encode("cp1251")
        elif encoding == "shift_jis":
            data = text.encode("shift_jis")
            # Python's shift_jis and windows-31j (what browsers and encoding_rs decode) differ
            # on a few characters; refuse any text that the two would read differently.
            if data.decode("cp932") != text:
                raise RecipeError("text decodes differently as Shift_JIS and windows-31j")
        elif encoding == "gbk":
            data = text.encode("gbk")
            if data.decode("gb18030") != text:
                raise RecipeError("text decodes differently as GBK and GB18030")
        elif encoding == "utf-16le-bom":
            data = b"\xff\xfe" + text.encode("utf-16-le")
        else:
            raise RecipeError(f"unknown encoding {encoding}")
    except UnicodeEncodeError as e:
        raise RecipeError(f"{encoding} cannot represent {e.object[e.start:e.end]!r}") from None
    if decode_file(data, encoding) != text:
        raise RecipeError(f"{encoding} does not round-trip")
    return data


def decode_file(data: bytes, encoding: str) -> str:
    if encoding == "utf-16le-bom":
        assert data[:2] == b"\xff\xfe"
        return data[2:].decode("utf-16-le")
    py = {"windows-1252": "cp1252", "windows-1251": "cp1251"}.get(encoding, encoding)
    return data.decode(py)


# ---------------------------------------------------------------------------
# Truth checks.
# ---------------------------------------------------------------------------

def check_truth(name: str, data: bytes) -> tuple[str, bool]:
    """Return (text, blank_separated). Fails loudly on any rule violation."""
    def fail(msg):
        raise SystemExit(f"source/{name}: {msg}")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"not UTF-8: {e}")
    if text.startswith("\ufeff"):
        fail("has a BOM")
    if "\r" in text:
        fail("has CR characters (truth uses LF only)")
    if unicodedata.normalize("NFC", text) != text:
        fail("is not NFC")
    if not text.endswith("\n") or text.endswith("\n\n"):
        fail("must end with exactly one newline")
    if text.startswith("\n"):
        fail("starts with a blank line")
    if "\n\n\n" in text:
        fail("has a run of blank lines")
    lines = text[:-1].split("\n")
    for i, line in enumerate(lines, 1):
        if line != line.rstrip():
            fail(f"line {i} has trailing white space")
        if line != line.lstrip():
            fail(f"line {i} has leading white space")
        for ch in line:
            if unicodedata.category(ch) == "Cc":
                fail(f"line {i} has control character U+{ord(ch):04X}")
    paras = [l for l in lines if l]
    blanks = len(lines) - len(paras)
    if blanks not in (0, len(paras) - 1):
        fail("blank lines must separate every paragraph or none")
    if not 8 <= len(paras) <= 14:
        fail(f"has {len(paras)} paragraphs (want 8-14)")
    return text, blanks > 0


# ---------------------------------------------------------------------------
# The document model: every line knows what it is and how to undo what was done to it.
# ---------------------------------------------------------------------------

class Line:
    __slots__ = ("text", "role", "para", "undo")

    def __init__(self, text, role, para=None):
        self.text = text
        self.role = role  # para | sep (truth blank) | junk | blank (inserted blank)
        self.para = para
        self.undo = []

    def change(self, new, undo):
        """Apply a change and check right away that `undo` reverses it."""
        if undo(new) != self.text:
            raise RecipeError(f"undo failed for {self.text!r}")
        self.undo.append(undo)
        self.text = new


class Doc:
    def __init__(self, truth: str, blank_sep: bool):
        self.blank_sep = blank_sep
        self.lines = []
        n = 0
        for t in truth[:-1].split("\n"):
            if t:
                n += 1
                self.lines.append(Line(t, "para", n))
            else:
                self.lines.append(Line("", "sep"))
        self.n_paras = n
        self.crlf = False
        self.final_newline = True

    def para(self, n) -> Line:
        for l in self.lines:
            if l.role == "para" and l.para == n:
                return l
        raise RecipeError(f"no paragraph {n}")

    def index_after(self, n) -> int:
        i = self.lines.index(self.para(n)) + 1
        if i < len(self.lines) and self.lines[i].role == "sep":
            i += 1
        while i < len(self.lines) and self.lines[i].role in ("junk", "blank"):
            i += 1
        return i

    def serialize(self) -> str:
        eol = "\r\n" if self.crlf else "\n"
        return eol.join(l.text for l in self.lines) + (eol if self.final_newline else "")


def remove_suffix(suffix):
    def undo(t):
        if not t.endswith(suffix):
            raise RecipeError(f"{t!r} does not end with {suffix!r}")
        return t[: len(t) - len(suffix)]
    return undo


def apply(doc: Doc, step, history):
    if isinstance(step, Junk):
        text = unicodedata.normalize("NFC", step.text)
        new = Line(text, "junk")
        if step.where == "top":
            i = 0
            while doc.lines[i].role in ("junk", "blank"):
                i += 1
            block = [new, Line("", "blank")] if doc.blank_sep else [new]
        elif step.where == "end":
            i = len(doc.lines)
            block = [Line("", "blank"), new] if doc.blank_sep else [new]
        else:
            if not 1 <= step.where < doc.n_paras:
                raise RecipeError(f"junk after paragraph {step.where}: use 1..{doc.n_paras - 1} or 'end'")
            i = doc.index_after(step.where)
            block = [new, Line("", "blank")] if doc.blank_sep else [new]
        doc.lines[i:i] = block

    elif isinstance(step, Mojibake):
        codec = step.codec
        if step.words:
            if step.paras:
                raise RecipeError("Mojibake: give paras or words, not both")
            for n, words in step.words.items():
                line = doc.para(n)
                for w in words:
                    if line.text.count(w) != 1:
                        raise RecipeError(f"{w!r} must occur exactly once in paragraph {n}")
                    m = mojibake_checked(w, codec, step.layers)
                    if m in line.text:
                        raise RecipeError(f"{m!r} already in paragraph {n}")

                    def undo(t, m=m, w=w):
                        if t.count(m) != 1:
                            raise RecipeError(f"cannot locate {m!r}")
                        return t.replace(m, w)
                    line.change(line.text.replace(w, m), undo)
        else:
            targets = [doc.para(n) for n in step.paras] if step.paras else doc.lines
            changed = 0
            for line in targets:
                if not line.text:
                    continue
                if step.paras:
                    new = mojibake_checked(line.text, codec, step.layers)
                else:
                    new = line.text
                    for _ in range(step.layers):
                        new = mojibake(new, codec)
                changed += new != line.text
                line.change(new, lambda t, c=codec, k=step.layers: _unmojibake_n(t, c, k))
            if not changed:
                raise RecipeError("whole-article mojibake changed nothing")

    elif isinstance(step, LoneA):
        # What happened: the line ended in U+00A0; its UTF-8 (C2 A0) was read as windows-1252,
        # giving "Â\u00a0"; a trailing-white-space strip then removed the NBSP.
        assert mojibake(NBSP, "windows-1252") == "Â" + NBSP
        for n in step.paras:
            line = doc.para(n)
            if line.text.endswith("Â") or line.text[-1].isspace():
                raise RecipeError(f"paragraph {n} already ends in Â or white space")

            def undo(t):
                if not t.endswith("Â"):
                    raise RecipeError("no lone Â")
                return t[:-1]
            line.change(line.text + "Â", undo)

    elif isinstance(step, ASpace):
        for n in step.paras:
            line = doc.para(n)
            if NBSP not in line.text or "Â " in line.text:
                raise RecipeError(f"paragraph {n}: needs a no-break space and no existing 'Â '")
            line.change(line.text.replace(NBSP, "Â "), lambda t: t.replace("Â ", NBSP))

    elif isinstance(step, NFD):
        targets = [doc.para(n) for n in step.paras] if step.paras else doc.lines
        changed = 0
        for line in targets:
            new = unicodedata.normalize("NFD", line.text)
            if step.paras and new == line.text:
                raise RecipeError(f"NFD does not change paragraph {line.para}")
            if new != line.text:
                changed += 1
                line.change(new, lambda t: unicodedata.normalize("NFC", t))
        if not changed:
            raise RecipeError("NFD changed nothing")

    elif isinstance(step, TrailingWS):
        for n, suffix in step.suffixes.items():
            if not suffix or suffix.strip(" \t"):
                raise RecipeError("trailing white space must be spaces and tabs")
            line = doc.para(n)
            line.change(line.text + suffix, remove_suffix(suffix))

    elif isinstance(step, BlankRuns):
        if not doc.blank_sep:
            # Collapsing a run leaves one blank line; where the truth has none, that is not undoable.
            raise RecipeError("BlankRuns only in articles whose paragraphs are separated by blank lines")
        for n, extra in step.runs.items():
            if not 1 <= n < doc.n_paras or extra < 1:
                raise RecipeError(f"bad blank run after paragraph {n}")
            i = doc.lines.index(doc.para(n)) + 2
            doc.lines[i:i] = [Line("", "blank") for _ in range(extra)]

    elif isinstance(step, EdgeBlanks):
        doc.lines[0:0] = [Line("", "blank") for _ in range(step.start)]
        doc.lines.extend(Line("", "blank") for _ in range(step.end))

    elif isinstance(step, CRLF):
        doc.crlf = True

    elif isinstance(step, NoFinalNewline):
        doc.final_newline = False

    else:
        raise RecipeError(f"unknown step {step!r}")
    history.append(step)


def _unmojibake_n(t, codec, n):
    for _ in range(n):
        t = unmojibake(t, codec)
    return t


# ---------------------------------------------------------------------------
# Oracle: what a perfect cleaner does, given the recipe's knowledge of what is junk.
# ---------------------------------------------------------------------------

def oracle(data: bytes, recipe, doc: Doc) -> str:
    text = decode_file(data, recipe["encoding"])
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    if len(lines) != len(doc.lines):
        raise RecipeError("line structure changed during serialization")
    out = []
    for raw, model in zip(lines, doc.lines):
        if model.role == "junk":
            continue
        t = raw
        for undo in reversed(model.undo):
            t = undo(t)
        out.append(t)
    # generic normalization: NFC, no trailing white space, no blank runs or edge blanks
    norm = []
    for t in out:
        t = unicodedata.normalize("NFC", t).rstrip()
        if t == "" and (not norm or norm[-1] == ""):
            continue
        norm.append(t)
    while norm and norm[-1] == "":
        norm.pop()
    return "\n".join(norm) + "\n"


# ---------------------------------------------------------------------------
# Descriptions for the README (generated from the recipes, so they cannot drift).
# ---------------------------------------------------------------------------

def pl(ns):
    return ", ".join(f"¶{n}" for n in ns)


def kinds_of(recipe):
    """Coverage keys: (kind, detail) pairs."""
    out = []
    if recipe["encoding"] != "utf-8":
        out.append(("legacy-encoding", ENCODING_LABEL[recipe["encoding"]]))
    whole = set()
    for s in recipe["damage"]:
        if isinstance(s, Mojibake):
            if s.words:
                out.append((f"mojibake {s.codec}", "words"))
            elif s.paras:
                if s.layers > 1 or s.codec in whole:
                    out.append(("double mojibake", s.codec))
                else:
                    out.append((f"mojibake {s.codec}", "lines"))
            else:
                whole.add(s.codec)
                out.append((f"mojibake {s.codec}", "whole article"))
        elif isinstance(s, Junk):
            out.append(("junk lines", ""))
        elif isinstance(s, LoneA):
            out.append(("lone Â at line end", ""))
        elif isinstance(s, ASpace):
            out.append(("Â + space mid-line", ""))
        elif isinstance(s, NFD):
            out.append(("NFD", "lines" if s.paras else "whole article"))
        elif isinstance(s, TrailingWS):
            out.append(("trailing spaces/tabs", ""))
        elif isinstance(s, BlankRuns):
            out.append(("blank-line runs", ""))
        elif isinstance(s, EdgeBlanks):
            out.append(("blank lines at start/end", ""))
        elif isinstance(s, CRLF):
            out.append(("CRLF line endings", ""))
        elif isinstance(s, NoFinalNewline):
            out.append(("no final newline", ""))
    seen, uniq = set(), []
    for k in out:
        if k not in seen:
            seen.add(k)
            uniq.append(k)
    return uniq


def describe(recipe):
    parts = []
    junk = [s for s in recipe["damage"] if isinstance(s, Junk)]
    if recipe["encoding"] != "utf-8":
        parts.append(f"whole file in {ENCODING_LABEL[recipe['encoding']]}")
    whole = set()
    for s in recipe["damage"]:
        if isinstance(s, Mojibake):
            arrow = f"UTF-8→{s.codec}"
            if s.words:
                parts.append(f"{arrow} mojibake on words only: " + "; ".join(
                    f"¶{n} ({len(w)} word{'s' if len(w) > 1 else ''})" for n, w in s.words.items()))
            elif s.paras and s.codec in whole:
                parts.append(f"second {s.codec} layer on {pl(s.paras)} (double mojibake there)")
            elif s.paras and s.layers > 1:
                parts.append(f"double {arrow} mojibake on {pl(s.paras)}")
            elif s.paras:
                parts.append(f"{arrow} mojibake on {pl(s.paras)}")
            else:
                whole.add(s.codec)
                parts.append(f"{arrow} mojibake, whole article (junk lines too)")
        elif isinstance(s, LoneA):
            parts.append(f"lone “Â” at end of {pl(s.paras)}")
        elif isinstance(s, ASpace):
            parts.append(f"mid-line no-break spaces → “Â ” in {pl(s.paras)}")
        elif isinstance(s, NFD):
            parts.append("NFD, whole file" if not s.paras else f"NFD on {pl(s.paras)}")
        elif isinstance(s, TrailingWS):
            parts.append(f"trailing spaces/tabs on {pl(s.suffixes)}")
        elif isinstance(s, BlankRuns):
            parts.append("blank runs of " + ", ".join(
                f"{e + 1} after ¶{n}" for n, e in s.runs.items()))
        elif isinstance(s, EdgeBlanks):
            bits = []
            if s.start:
                bits.append(f"{s.start} at start")
            if s.end:
                bits.append(f"{s.end} at end")
            parts.append("extra blank lines: " + ", ".join(bits))
        elif isinstance(s, CRLF):
            parts.append("CRLF line endings")
        elif isinstance(s, NoFinalNewline):
            parts.append("no final newline")
    if junk:
        cats = []
        for j in junk:
            if j.kind not in cats:
                cats.append(j.kind)
        top = sum(j.where == "top" for j in junk)
        end = sum(j.where == "end" for j in junk)
        mid = len(junk) - top - end
        parts.append(f"{len(junk)} junk lines ({', '.join(cats)}; {top} top, {mid} between, {end} bottom)")
    return "; ".join(parts) if parts else "**none: clean control, input = truth byte for byte**"


def md_escape(s):
    return s.replace("|", "\\|")


def show_ws(s):
    return s.replace("\t", "\\t").replace(" ", "␠")


def write_readme(results):
    rows = []
    for r, size in results:
        rows.append(
            f"| `{r['id']}_{r['slug']}.txt` | {r['language']} / {r['script']} | "
            f"{ENCODING_LABEL[r['encoding']]} | {r['outlet']} | {pl(r['bait'])} | {md_escape(describe(r))} |")

    coverage = {}
    for r, _ in results:
        for kind, detail in kinds_of(r):
            key = kind if not detail else f"{kind} ({detail})"
            coverage.setdefault(key, []).append(r["id"])
    cov_rows = [f"| {k} | {', '.join(v)} |" for k, v in sorted(coverage.items())]

    details = []
    for r, size in results:
        details.append(f"### {r['id']}_{r['slug']}.txt — {r['language']}, {r['outlet']}\n")
        if not r["damage"] and r["encoding"] == "utf-8":
            details.append("Clean control: the input is the truth file, byte for byte. "
                           f"Bait (must stay): {pl(r['bait'])}.\n")
            continue
        if r["encoding"] != "utf-8":
            details.append(f"- file bytes: {ENCODING_LABEL[r['encoding']]}")
        details.append(f"- bait (must stay): {pl(r['bait'])}")
        for s in r["damage"]:
            if isinstance(s, Junk):
                where = {"top": "top", "end": "bottom"}.get(s.where, f"after ¶{s.where}")
                details.append(f"- junk ({s.kind}, {where}): `{md_escape(s.text)}`")
            elif isinstance(s, Mojibake) and s.words:
                for n, ws in s.words.items():
                    details.append(f"- UTF-8→{s.codec} mojibake in ¶{n} on: "
                                   + ", ".join(f"`{md_escape(w)}`" for w in ws))
            elif isinstance(s, TrailingWS):
                details.append("- trailing white space: " + ", ".join(
                    f"¶{n} `{show_ws(x)}`" for n, x in s.suffixes.items()))
            else:
                details.append(f"- {describe(dict(r, encoding='utf-8', damage=[s]))}")
        details.append("")

    readme = f"""# textwash sample corpus

Twenty-four short news articles in twenty languages, **written for this project** (fictional
events, people, companies and outlets; any resemblance to real reporting is accidental), and a
damaged copy of each made by `build.py`. They are the project's own fixtures for `cargo test`:
the input is what a scraper delivered, the truth is what a perfect `textwash clean` returns.

This file is generated by `build.py`; edit the recipes there, not this file.

## Layout

| path | what |
|---|---|
| `source/NN_slug.txt` | the truth: UTF-8, NFC, LF, one paragraph per line (some articles put one blank line between paragraphs), no trailing white space, no leading/trailing blank lines, exactly one final newline |
| `articles/NN_slug.txt` | the damaged input, same name. Compare `articles/X` cleaned with `source/X`. Five are not UTF-8 (see the table); all are valid inputs |
| `articles.jsonl` | the 24 damaged articles as JSON Lines: `id, url, source, lang, title, text, words` in that order; `text` is the damaged article decoded with its real encoding (JSON is UTF-8) |
| `articles.expected.jsonl` | the same records with `text` set to the truth (every other field unchanged, as `clean --jsonl` must leave them) |
| `build.py` | the recipes and the generator; Python 3 standard library only |

Rebuild (deterministic, byte-identical on every run):

    python3 corpora/build.py

`build.py` checks the truth files against the rules above, checks every damage step for
reversibility as it applies it (e.g. for mojibake: `damaged.encode(codec).decode("utf-8") ==
original`, with browser-style windows-1252 where bytes 0x81 0x8D 0x8F 0x90 0x9D are the C1
controls U+0081…), refuses Shift_JIS/GBK text that windows-31j/GB18030 would read differently,
and finally runs an oracle over each file (decode, drop the inserted junk lines, undo each step,
NFC, strip trailing white space, collapse blank runs) that must give the truth byte for byte.

## Conventions

- ¶N is the N-th paragraph (non-blank line) of the truth file.
- "Junk" lines are inserted boilerplate: photo credits and captions, ads, newsletter prompts,
  share buttons, related links, copyright and wire trailers, a cookie notice, an editor line.
  A cleaner must remove them.
- "Bait" paragraphs (column *bait*) are body text that only *mentions* what a stripper looks
  for: Getty Images, AFP, Reuters, dpa, EFE, a news agency, a photograph or photographer,
  advertising, subscriptions, "read more" (“Read more books,” the minister said), share prices.
  They are truth and must survive stripping; the same words also appear in junk lines nearby.
- Four English articles (01, 02, 04, 05) come from the same outlet, `northgate.example`, and share
  the same two footer lines, so per-source repeated-line detection has something to find.
- Lone “Â”: the line ended in a no-break space, which went through a windows-1252 mis-decode
  ("Â\\u00a0") and then a trailing-white-space strip. The truth line simply ends without it.
- “Â ” mid-line: a no-break space whose mis-decode lost its second half to a plain space; the
  truth has U+00A0 there.
- Where the whole article is mojibake, the junk lines are too (they went through the same
  pipe). A "second layer" on some paragraphs means those lines are double mojibake.
- `words` in the JSON records is `len(text.split())` of the damaged text, as a scraper would
  have counted it; it is the same in both JSONL files.
- Controls: `06` (French), `09` (Portuguese, "SÃO PAULO", "ATENÇÃO"), `15` (Icelandic, Þ ð æ)
  are clean and must pass through byte for byte.

## Articles

| file | language / script | encoding | outlet | bait | damage |
|---|---|---|---|---|---|
""" + "\n".join(rows) + """

## Damage kinds and where they occur

| kind | articles |
|---|---|
""" + "\n".join(cov_rows) + """

## Recipe details

""" + "\n".join(details) + "\n"
    readme = readme.rstrip("\n") + "\n"
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(readme)


# ---------------------------------------------------------------------------
# Main.
# ---------------------------------------------------------------------------

def main():
    os.makedirs(ARTICLES_DIR, exist_ok=True)
    names = sorted(f for f in os.listdir(SOURCE_DIR) if f.endswith(".txt"))
    expected_names = [f"{r['id']}_{r['slug']}.txt" for r in RECIPES]
    if names != sorted(expected_names):
        raise SystemExit(f"source/ files {names} do not match the recipes {expected_names}")
    if len({r["id"] for r in RECIPES}) != len(RECIPES):
        raise SystemExit("duplicate recipe ids")

    results, records, expected_records = [], [], []
    for recipe in RECIPES:
        name = f"{recipe['id']}_{recipe['slug']}.txt"
        with open(os.path.join(SOURCE_DIR, name), "rb") as f:
            truth_bytes = f.read()
        truth, blank_sep = check_truth(name, truth_bytes)

        doc = Doc(truth, blank_sep)
        for n in recipe["bait"]:
            if not 1 <= n <= doc.n_paras:
                raise SystemExit(f"recipe {recipe['id']}: bait paragraph {n} does not exist")
        history = []
        try:
            for step in recipe["damage"]:
                apply(doc, step, history)
            text = doc.serialize()
            data = encode_file(text, recipe["encoding"])
            back = oracle(data, recipe, doc)
        except RecipeError as e:
            raise SystemExit(f"recipe {recipe['id']} ({name}): {e}")
        if back != truth:
            raise SystemExit(f"recipe {recipe['id']} ({name}): oracle does not give the truth back")

        control = not recipe["damage"] and recipe["encoding"] == "utf-8"
        if control and data != truth_bytes:
            raise SystemExit(f"control {name} differs from its truth")
        if not control:
            if data == truth_bytes:
                raise SystemExit(f"{name} is not damaged")
            kinds = {k for k, _ in kinds_of(recipe)}
            if not 2 <= len(kinds) <= 5:
                raise SystemExit(f"{name}: {len(kinds)} kinds of damage (want 2-5): {sorted(kinds)}")

        with open(os.path.join(ARTICLES_DIR, name), "wb") as f:
            f.write(data)

        base = {"id": recipe["id"], "url": recipe["url"], "source": recipe["outlet"],
                "lang": recipe["lang"], "title": recipe["title"]}
        words = len(text.split())
        records.append(dict(base, text=text, words=words))
        expected_records.append(dict(base, text=truth, words=words))
        results.append((recipe, len(data)))

    # no stale files in articles/
    for f in os.listdir(ARTICLES_DIR):
        if f not in expected_names:
            os.remove(os.path.join(ARTICLES_DIR, f))

    for fname, recs in (("articles.jsonl", records), ("articles.expected.jsonl", expected_records)):
        with open(os.path.join(HERE, fname), "w", encoding="utf-8", newline="\n") as f:
            for rec in recs:
                assert list(rec) == ["id", "url", "source", "lang", "title", "text", "words"]
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # coverage: every kind in at least two articles (single legacy encodings excepted)
    # (windows-1252 mojibake: each scope, whole article / lines / words, in at least two)
    coverage = {}
    for r, _ in results:
        for kind, detail in kinds_of(r):
            key = (kind, detail) if kind == "mojibake windows-1252" else kind
            coverage.setdefault(key, set()).add(r["id"])
    thin = [k for k, v in coverage.items() if len(v) < 2 and k != "legacy-encoding"]
    if thin:
        raise SystemExit(f"kinds used in fewer than two articles: {thin}")

    write_readme(results)

    total = sum(size for _, size in results)
    for r, size in results:
        print(f"{r['id']}_{r['slug']:<16} {ENCODING_LABEL[r['encoding']]:<18} {size:>5} B  {describe(r)}")
    print(f"{len(results)} articles, {total} bytes of damaged input; all recipes round-trip.")


if __name__ == "__main__":
    main()
