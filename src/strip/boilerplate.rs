//! Page furniture that survives scraping: adverts, newsletter prompts, share
//! buttons, related links, navigation, comment counters, copyright lines,
//! wire trailers, bylines, timestamps, cookie notices.
//!
//! Two kinds of evidence, both about the *whole line*:
//!
//! * **labels**: the line, reduced to its [key](super::shape::key), is one of
//!   the words a site prints on its own ("Advertisement", "Anzeige", "广告",
//!   "Share this", "Next post", "12 comments");
//! * **patterns**: the line starts with the label or imperative form furniture
//!   uses ("Read more: …", "Sign up for our newsletter", "© 2026 …",
//!   "(Reporting by …)", "We use cookies …") and has the length and shape that
//!   goes with it.
//!
//! Body text that talks about newsletters, subscriptions, advertising, share
//! prices or cookies is written in sentences that start otherwise, and does
//! not match: each rule's tests hold both sides.

use std::collections::HashMap;

use regex::Regex;
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

use super::Rule;
use super::credits::alternation;
use super::shape::{self, SHORT_LINE, ends_sentence, is_name};
use crate::swar;

/// Whole-line labels: (rule, reason, labels). Matched on the line's key, so
/// case, punctuation and bullets around them do not matter.
const LABELS: &[(Rule, &str, &[&str])] = &[
    (
        Rule::Advert,
        "an advertisement marker",
        &[
            "advertisement",
            "advertisements",
            "advertising",
            "advert",
            "adverts",
            "ad",
            "ads",
            "sponsored",
            "sponsored content",
            "sponsored links",
            "sponsored link",
            "sponsored post",
            "sponsored stories",
            "paid content",
            "paid post",
            "paid partnership",
            "promoted",
            "promoted content",
            "promoted stories",
            "partner content",
            "story continues below",
            "story continues below advertisement",
            "article continues below",
            "article continues below advertisement",
            "advertisement continue reading below",
            "advertisement scroll to continue",
            "continue reading below",
            "continue reading below advertisement",
            "continue reading the main story",
            "scroll to continue with content",
            "scroll down to continue reading",
            "adchoices",
            "ad choices",
            "advertise with us",
            "publicité",
            "annonce",
            "anzeige",
            "werbung",
            "publicidad",
            "publicidade",
            "pubblicità",
            "reklama",
            "реклама",
            "reklam",
            "advertentie",
            "mainos",
            "annonse",
            "annons",
            "reklame",
            "hirdetés",
            "διαφήμιση",
            "διαφημιση",
            "إعلان",
            "اعلان",
            "פרסומת",
            "विज्ञापन",
            "广告",
            "廣告",
            "広告",
            "광고",
            "quảng cáo",
            "iklan",
            "contenido patrocinado",
            "contenu sponsorisé",
            "gesponsert",
            "conteúdo patrocinado",
            "contenuto sponsorizzato",
        ],
    ),
    (
        Rule::Newsletter,
        "a newsletter or subscription prompt",
        &[
            "newsletter",
            "newsletters",
            "subscribe",
            "subscribe now",
            "subscribe here",
            "subscribe for free",
            "sign up",
            "sign up now",
            "sign up here",
            "sign up for free",
            "get the newsletter",
            "see all newsletters",
            "abonniere unseren newsletter",
            "gib deine e mail adresse ein",
            "newsletter abonnieren",
            "email newsletter",
            "newsletter signup",
            "jetzt abonnieren",
            "abonnieren",
            "abonnez vous",
            "suscríbete",
            "assine",
            "iscriviti",
            "подписаться",
            "subskrybuj",
        ],
    ),
    (
        Rule::Navigation,
        "site navigation or interface text",
        &[
            "home",
            "menu",
            "main menu",
            "navigation",
            "search",
            "sign in",
            "log in",
            "login",
            "log out",
            "logout",
            "register",
            "my account",
            "account",
            "close",
            "close menu",
            "skip to content",
            "skip to main content",
            "skip to navigation",
            "back to top",
            "to top",
            "top",
            "next",
            "previous",
            "prev",
            "next post",
            "previous post",
            "previous post next post",
            "next article",
            "previous article",
            "next story",
            "previous story",
            "older posts",
            "newer posts",
            "zurück zur übersicht",
            "zurück zur startseite",
            "zur startseite",
            "zum seitenanfang",
            "zurück nach oben",
            "zurück zur liste",
            "über uns",
            "über mich",
            "rechtliches",
            "weiterlesen",
            "vorheriger artikel",
            "nächster artikel",
            "drucken",
            "kategorien",
            "schlagworte",
            "alle anzeigen",
            "erfahre mehr",
            "article suivant",
            "article précédent",
            "imprimer",
            "à propos",
            "artículo anterior",
            "artículo siguiente",
            "imprimir",
            "articolo precedente",
            "articolo successivo",
            "stampa",
            "drukuj",
            "следующая статья",
            "предыдущая статья",
            "newer story",
            "older story",
            "next up",
            "next up in",
            "up next",
            "scroll back to top",
            "see full gallery",
            "view results",
            "enter your email address",
            "delivered by feedburner",
            "about the author",
            "about me",
            "click here",
            "click here for more",
            "show more",
            "load more",
            "view more",
            "view all",
            "see all",
            "see more",
            "more",
            "more stories",
            "read full story",
            "read the full story",
            "to read the full story",
            "continue reading",
            "site index",
            "site map",
            "sitemap",
            "about",
            "about us",
            "contact",
            "contact us",
            "privacy",
            "privacy policy",
            "privacy notice",
            "cookie policy",
            "terms",
            "terms of use",
            "terms of service",
            "terms and conditions",
            "privacy policy terms of use",
            "disclaimer",
            "careers",
            "advertise",
            "impressum",
            "kontakt",
            "datenschutz",
            "datenschutzerklärung",
            "nach oben",
            "zurück",
            "weiter",
            "startseite",
            "suche",
            "accueil",
            "rechercher",
            "suivant",
            "précédent",
            "haut de page",
            "inicio",
            "buscar",
            "siguiente",
            "anterior",
            "volver arriba",
            "início",
            "pesquisar",
            "próximo",
            "главная",
            "поиск",
            "далее",
            "назад",
            "наверх",
            "loading",
            "please wait",
            "image",
            "images",
            "video",
            "videos",
            "gallery",
            "photo gallery",
            "view gallery",
            "open gallery",
            "back to gallery",
            "caption",
            "image caption",
            "media caption",
            "embed",
            "embed this video",
            "link to this video",
            "link",
            "replay",
            "play video",
            "watch video",
            "enlarge",
            "enlarge image",
            "expand",
            "collapse",
            "toggle navigation",
            "report an error",
            "report a typo",
            "print this page",
            "print article",
            "view pdf print mode",
            "rss",
            "rss feed",
            "follow us",
            "follow me on",
            "media playback is unsupported on your device",
            "this slideshow requires javascript",
            "your browser does not support the video tag",
            "javascript is disabled",
            "please enable javascript",
            "thanks for watching",
            "tags",
            "tagged",
            "topics",
            "related topics",
            "related tags",
            "categories",
            "filed under",
            "in this article",
        ],
    ),
    (
        Rule::Comments,
        "a comment section prompt or counter",
        &[
            "comments",
            "comment",
            "no comments",
            "schreibe einen kommentar",
            "kommentar verfassen",
            "kommentar hinzufügen",
            "neueste kommentare",
            "letzte kommentare",
            "diese website verwendet akismet um spam zu reduzieren",
            "diese website verwendet akismet",
            "إضافة تعليق جديد",
            "ajouter un commentaire",
            "añadir comentario",
            "dodaj komentarz",
            "no comments yet",
            "leave comments",
            "comment from the forums",
            "leave a comment",
            "leave a reply",
            "leave a reply cancel reply",
            "post a comment",
            "add a comment",
            "add comment",
            "view comments",
            "show comments",
            "hide comments",
            "view all comments",
            "top rated comments",
            "join the conversation",
            "join the discussion",
            "be the first to comment",
            "comments are closed",
            "you must be logged in to post a comment",
            "you must log in to post a comment",
            "kommentare",
            "kommentar",
            "kommentieren",
            "kommentar schreiben",
            "hinterlasse eine antwort",
            "hinterlasse einen kommentar",
            "commentaires",
            "laisser un commentaire",
            "comentarios",
            "deja un comentario",
            "comentários",
            "deixe um comentário",
            "deixe seu comentário",
            "commenti",
            "lascia un commento",
            "комментарии",
            "оставить комментарий",
            "komentarze",
            "komentáře",
            "yorumlar",
            "yorum yap",
            "bình luận",
            "σχόλια",
            "تعليقات",
            "תגובות",
            "टिप्पणियाँ",
            "评论",
            "发表评论",
            "コメント",
            "댓글",
        ],
    ),
    (
        Rule::RelatedLink,
        "a related-links heading",
        &[
            "read more",
            "read next",
            "related",
            "related articles",
            "related stories",
            "related posts",
            "related content",
            "related coverage",
            "related news",
            "you may also like",
            "you might also like",
            "you may be interested in",
            "recommended",
            "recommended stories",
            "recommended for you",
            "most popular",
            "most read",
            "most viewed",
            "trending",
            "trending now",
            "trending news",
            "latest news",
            "latest stories",
            "more from",
            "ähnliche beiträge",
            "ähnliche artikel",
            "verwandte artikel",
            "verwandte themen",
            "weitere artikel",
            "weitere themen",
            "neueste artikel",
            "meistgelesene artikel",
            "meist gelesen",
            "am meisten gelesen",
            "aktuelle beiträge",
            "ähnliche themen",
            "ähnliche nachrichten",
            "zum weiterlesen",
            "lesen sie auch",
            "schon gelesen",
            "zobacz także",
            "zobacz również",
            "polecamy",
            "à découvrir",
            "articles correspondants",
            "las más vistas",
            "noticias para ti",
            "热门推荐",
            "latest headlines",
            "today's headlines",
            "top headlines",
            "more headlines",
            "top stories",
            "popular categories",
            "editor's picks",
            "editors' picks",
            "don't miss",
            "on our radar",
            "more videos",
            "popular",
            "popular now",
            "around the web",
            "from the web",
            "you might like",
            "recommends",
            "more news",
            "see more",
            "related coverage from",
            "more on this story",
            "read these next",
            "more great wired stories",
            "das könnte sie auch interessieren",
            "auch interessant",
            "mehr zum thema",
            "verwandte beiträge",
            "weitere beiträge zum thema",
            "neueste beiträge",
            "meistgelesen",
            "à lire aussi",
            "lire aussi",
            "sur le même sujet",
            "temas relacionados",
            "noticias relacionadas",
            "te puede interesar",
            "você pode gostar",
            "leia também",
            "veja também",
            "potrebbe interessarti anche",
            "articoli correlati",
            "материалы по теме",
            "вам также может быть интересно",
            "читайте также",
            "читайте також",
            "czytaj także",
            "przeczytaj też",
            "ilgili haberler",
            "tin liên quan",
            "σχετικά άρθρα",
            "مقالات ذات صلة",
            "כתבות נוספות",
            "यह भी पढ़ें",
            "相关阅读",
            "相关新闻",
            "延伸阅读",
            "関連記事",
            "関連ニュース",
            "관련기사",
            "관련 기사",
        ],
    ),
    (
        Rule::Byline,
        "a byline label",
        &[
            "by",
            "about the author",
            "über den autor",
            "sobre o autor",
            "sobre el autor",
            "à propos de l'auteur",
            "об авторе",
        ],
    ),
    (
        Rule::Share,
        "share buttons",
        &[
            "sharing is caring",
            "teilen sie dies mit",
            "teilen mit",
            "diesen artikel teilen",
            "beitrag teilen",
            "url zum kopieren",
            "gefällt mir",
            "folgen sie uns",
            "folge uns",
            "partager sur facebook",
            "compartir en twitter",
            "share this entry",
            "share this story",
            "share this article",
            "share this post",
            "share this page",
            "share it",
            "この記事をシェアする",
            "シェアする",
            "공유하기",
            "分享到",
            "copy link",
            "link copied",
        ],
    ),
];

/// Share-button lines are made of these words only (and at least one that
/// is not a connector): "Share on Facebook", "Facebook Twitter WhatsApp
/// Email", "Compartir en Facebook", "分享到：微信 微博 QQ空间".
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "sharing",
    "tweet",
    "pin",
    "email",
    "mail",
    "print",
    "whatsapp",
    "facebook",
    "twitter",
    "linkedin",
    "reddit",
    "telegram",
    "pinterest",
    "messenger",
    "flipboard",
    "tumblr",
    "buffer",
    "vkontakte",
    "vk",
    "odnoklassniki",
    "google",
    "viber",
    "pocket",
    "xing",
    "sms",
    "shortlink",
    "instagram",
    "youtube",
    "teilen",
    "partager",
    "compartir",
    "condividi",
    "compartilhar",
    "compartilhe",
    "поделиться",
    "поділитися",
    "udostępnij",
    "sdílet",
    "paylaş",
    "chia",
    "sẻ",
    "κοινοποίηση",
    "κοινοποιήστε",
    "مشاركة",
    "شارك",
    "שתף",
    "שתפו",
    "שיתוף",
    "בפייסבוק",
    "בטוויטר",
    "בוואטסאפ",
    "शेयर",
    "करें",
    "分享",
    "分享到",
    "微信",
    "微博",
    "qq空间",
    "シェア",
    "공유",
    "delen",
    "dela",
    "jaa",
    "bagikan",
    "tweeten",
    "twittern",
    "copy",
];
const SHARE_CONNECTORS: &[&str] = &[
    "this", "article", "story", "post", "page", "entry", "on", "via", "to", "with", "en", "su", "auf", "sur", "em",
    "no", "na", "per", "por", "con", "de", "in", "it", "link", "e", "plus", "button", "a", "friend", "w", "в",
];

/// Labels that introduce a link to another article: "Read more: …".
const RELATED_LABELS: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "read next",
    "related",
    "related post",
    "related article",
    "related story",
    "related coverage",
    "related roundup",
    "see also",
    "more on this",
    "more on this story",
    "more",
    "watch",
    "listen",
    "recommended",
    "most read",
    "lesen sie auch",
    "lesen sie mehr",
    "auch interessant",
    "mehr zum thema",
    "mehr",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "leia também",
    "leia mais",
    "veja também",
    "leggi anche",
    "leggi anche su",
    "lee también",
    "lea también",
    "ver también",
    "читайте также",
    "читайте також",
    "смотрите также",
    "czytaj także",
    "czytaj też",
    "czytaj więcej",
    "přečtěte si také",
    "čtěte také",
    "čtěte též",
    "ayrıca okuyun",
    "ilgili haber",
    "ilgili haberler",
    "İlgili haber",
    "İlgili haberler",
    "đọc thêm",
    "xem thêm",
    "διαβάστε επίσης",
    "διαβάστε ακόμη",
    "اقرأ أيضًا",
    "اقرأ أيضا",
    "اقرأ ايضا",
    "اقرأ المزيد",
    "קראו עוד",
    "קרא עוד",
    "קראו גם",
    "यह भी पढ़ें",
    "ये भी पढ़ें",
    "और पढ़ें",
    "相关阅读",
    "相关新闻",
    "延伸阅读",
    "关联阅读",
    "関連記事",
    "関連ニュース",
    "あわせて読みたい",
    "관련기사",
    "관련 기사",
    "함께 보기",
    "baca juga",
    "lees ook",
    "läs också",
    "les også",
    "lue myös",
];

/// Labels of tag and category lists: "Tags: …", "Filed under: …".
const TAG_LABELS: &[&str] = &[
    "tags",
    "tag",
    "tagged",
    "tagged with",
    "topics",
    "related topics",
    "related tags",
    "categories",
    "category",
    "filed under",
    "posted in",
    "trends",
    "names in this article",
    "schlagworte",
    "stichworte",
    "themen",
    "étiquettes",
    "mots-clés",
    "etiquetas",
    "temas",
    "теги",
    "метки",
    "тэги",
    "tagi",
    "štítky",
    "etiketler",
    "标签",
    "タグ",
    "태그",
];

/// Labels of a byline or an editor credit: "Edited by: …", "责任编辑：…".
const BYLINE_LABELS: &[&str] = &[
    "by",
    "written by",
    "words by",
    "story by",
    "text by",
    "edited by",
    "researched by",
    "researchers",
    "researcher",
    "editor",
    "author",
    "autor",
    "autorin",
    "auteur",
    "texto",
    "testo",
    "автор",
    "редактор",
    "yazar",
    "tác giả",
    "责任编辑",
    "编辑",
    "編輯",
    "记者",
    "記者",
];

/// How far into a line "all rights reserved" may start.
const RIGHTS_START_MAX: usize = 60;

/// "All rights reserved" and its translations: a copyright line when it
/// starts by byte [`RIGHTS_START_MAX`] of a line of at most 300 bytes.
const RIGHTS_RESERVED: &str = r"(?:all rights reserved|some rights reserved|einige rechte vorbehalten|materiał chroniony prawem|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|wszelkie prawa zastrzeżone|všechna práva vyhrazena|все права защищены|усі права захищені|tüm hakları saklıdır|με την επιφύλαξη παντός δικαιώματος|جميع الحقوق محفوظة|כל הזכויות שמורות|सर्वाधिकार सुरक्षित)";

/// "X contributed to this report.": looked for only in lines that say
/// "contributed".
const CONTRIBUTED: &str = r"^[\w.’'\- ,&]+ contributed (?:reporting )?to this (?:report|story|article)\.?$|^[\w.’'\- ,&]+ contributed reporting(?: from [\w.’'\- ,]+)?\.?$";

/// (rule, reason, whether it applies to long lines, pattern). Patterns are
/// matched against the trimmed, composed line, case-insensitively; `{…}`
/// placeholders are filled from the lists above.
const PATTERNS: &[(Rule, &str, bool, &str)] = &[
    (
        Rule::Advert,
        "an advertisement marker",
        false,
        r"^[-–—\[(]*\s*(?:advertisement|anzeige|publicité|publicidad|werbung)\s*[-–—:]\s*(?:continue reading below|scroll to continue(?: with content)?|story continues below|weiterlesen nach der anzeige|la suite après cette publicité)\s*[-–—\])]*$|^(?:sponsored by|presented by|in partnership with|market update sponsored by)\b.{0,60}$|^(?:advertisement|sponsored|anzeige|publicité|publicidad|reklama|реклама)\s*[-–—:|]\s*\S.{0,60}$",
    ),
    (
        Rule::Newsletter,
        "a newsletter or subscription prompt",
        true,
        r"^(?:(?:sign up|subscribe|register|join|get|enter your email|don't miss|never miss|stay up to date|receive|click here to subscribe|let our news)\b.*\b(?:newsletters?|inbox|e-?mail (?:alerts|updates|newsletters?)|bulletin|briefing|digest)\b.*|subscribe to\b.*|subscribe (?:for|from) (?:just|only|as little as)\b.{0,80}|(?:sign up|subscribe|get our|receive our)\b.{0,80}\b(?:daily|weekly|morning|evening|monthly)\b.{0,60}|no spam, we promise\b.*|you can unsubscribe at any time\b.*|please check the opt-in box\b.*|abonnez-vous.*|inscrivez-vous.{0,80}(?:newsletter|lettre).{0,60}|(?:abonnieren|bestellen) sie.{0,80}newsletter.{0,60}|melden sie sich.{0,60}newsletter.{0,60}|unser (?:kostenloser )?newsletter.*|suscr[ií]b(?:e|ete|ase)\b.*|assine.{0,60}newsletter.{0,60}|iscriviti.{0,60}newsletter.{0,60}|подпишитесь.*|підпишіться.*|zapisz się.{0,80}|zapraszamy.{0,40}subskrypcji.{0,40}|přihlaste se k odběru.{0,80}|bültenimize.{0,80}|abone ol.{0,60}|đăng ký nhận.{0,80}|εγγραφείτε.{0,80}|اشترك.{0,80}|הירשמו.{0,80}|订阅.{0,40}|メール(?:マガジン|配信).{0,40}|뉴스레터.{0,40})$",
    ),
    (
        Rule::Newsletter,
        "a prompt to get the site's app",
        false,
        r"^(?:click here to )?(?:download|get|install)\s+(?:the|our)\s+.{0,40}\bapps?\b.{0,40}$|^get .{1,40} on the go\b.{0,40}$",
    ),
    (
        Rule::RelatedLink,
        "a link to another article",
        false,
        r"^[\[(]?\s*(?:{related})(?:\s*[:：»>|]+|\s+[–—-]\s+|\.\.\.)\s*\S.*$|^(?:more from|more in|also on|popular on|more articles from)\s+\S.{0,60}$|^(?:{related})(?:\s+from\s+.{1,60})?\s*[:：]$|^(?:latest|today's|top|more|breaking)\s+(?:[\w'’]+\s+){0,2}headlines$",
    ),
    (
        Rule::Navigation,
        "a list of tags or categories",
        false,
        r"^(?:{tags})\s*[:：]\s*.*$|^posted in\b[^|]*\|\s*permalink\b.*$",
    ),
    (
        Rule::Navigation,
        "a gallery counter",
        false,
        r"^(?:(?:image|photo|picture|slide|foto|bild|imagen|фото|more videos|more photos)\s+)?\(?\d+\s*(?:[-–]\s*\d+\s*)?(?:of|von|de|di|из|/)\s+\d+\)?$",
    ),
    (
        Rule::Navigation,
        "a powered-by footer",
        false,
        r"^(?:proudly )?powered by\s+[\w.&' -]+$|^bloggen auf wordpress\.com$|^blog at wordpress\.com\.?$",
    ),
    (
        Rule::Share,
        "a prompt to follow the site on social media",
        false,
        r"^(?:follow|like)\s+(?:us|me|him|her|them|@\w+|[\w.’' -]+?)\s+on(?:\s+(?:facebook|twitter|instagram|x|linkedin|youtube|tiktok|telegram)\b.*)?$|^like this (?:story|article|post)\?.{0,60}$|^(?:síguenos en|suivez-nous sur|folgen sie uns auf|seguici su|siga-nos no|подписывайтесь на нас)\b.{0,80}$",
    ),
    (
        Rule::Copyright,
        "a copyright line",
        true,
        r"^(?:©|ⓒ|\(c\)|℗|copyright\s*(?:©|ⓒ|\(c\))|저작권자\s*(?:©|ⓒ)?)\s*\S.*$|^copyright\s+(?:(?:19|20)\d\d\b.*|[\w .,&'-]+\s(?:19|20)\d\d\.?)$|^(?:this material may not be published, broadcast, rewritten,? or redistributed\b.{0,80}|無断転載.{0,30}|무단\s?전재.{0,40}|版权所有.{0,60}|未经授权.*禁止转载.{0,20}|reproduction (?:interdite|prohibited)\b.{0,80})$",
    ),
    (
        Rule::WireTrailer,
        "a wire-service trailer",
        false,
        r"^[(\[]?\s*(?:contributing\s*:|mit material von|avec l'afp|avec afp|con información de|por la agencia|по материалам)\b.{1,300}[)\]]?\.?$|^our standards:\s*the thomson reuters trust principles\.?$|^via syndigate\.info$",
    ),
    (
        Rule::CookieNotice,
        "a cookie notice",
        true,
        r"^(?:we use cookies|we and our partners use cookies|this (?:web)?site uses cookies|our (?:web)?site uses cookies|by continuing to (?:browse|use)|by using (?:this|our) (?:web)?site,? you (?:agree|consent)|accept (?:all )?cookies|manage (?:cookie )?(?:preferences|settings)|cookie (?:policy|settings|preferences)|enable or disable cookies|wir verwenden cookies|diese (?:web)?seite verwendet cookies|diese website (?:verwendet|nutzt) cookies|ce site utilise des cookies|nous utilisons des cookies|en poursuivant votre navigation|utilizamos cookies|este (?:sitio|portal|site)(?: web)? utiliza cookies|usamos cookies|questo sito utilizza (?:i )?cookie|utilizziamo (?:i )?cookie|мы используем (?:файлы )?cookie|этот сайт использует (?:файлы )?cookie|ten serwis (?:wykorzystuje|używa) (?:pliki )?cookies|tento web používá cookies|sitemizde çerezler|bu sitede çerezler|çerez politikas|trang web này sử dụng cookie|χρησιμοποιούμε cookies|نستخدم ملفات تعريف الارتباط|אנו משתמשים בעוגיות|本网站使用cookie|当サイトでは(?:クッキー|cookie)|이 웹사이트는 쿠키)\b.*$",
    ),
    (
        Rule::Byline,
        "a byline or editor credit",
        false,
        r"^[(（\[]?\s*(?:{byline})\s*[:：]\s*[^.!?。]+[)）\]]?$|^(?:write to|email|e-mail|contact|reach)\s+[\w.’' -]+\s+at\s+\S+@\S+.*$|^(?:have a tip\?|reach the reporters?\b).*$|^(?:about|über|sobre|à propos de)(?-i:\s+\p{Lu}[\w’'-]+(?:\s+\p{Lu}[\w’'-]+){1,3})$",
    ),
];

/// Boilerplate detection, compiled once.
#[derive(Debug)]
pub struct Boilerplate {
    labels: HashMap<String, (Rule, &'static str)>,
    /// (rule, reason, applies to long lines), in the order of `set`.
    patterns: Vec<(Rule, &'static str, bool)>,
    /// Every pattern in one automaton: one pass per line, not one per rule.
    set: shape::Matcher,
    counter: Regex,
    /// "All rights reserved" in many languages, starting by byte
    /// [`RIGHTS_START_MAX`] of a line (see [`shape::Matcher::starting_by`]).
    /// (Searching the line for the phrases and then asking where the first
    /// match starts read all of `rights_reach`, 160 bytes, at 1,300
    /// instructions a line that asked.)
    rights: shape::Matcher,
    /// What every line `rights` matches holds, looked for first.
    rights_words: RightsWords,
    /// How far into a line a phrase that starts by [`RIGHTS_START_MAX`] can
    /// reach: the search reads no further.
    rights_reach: usize,
    contributed: shape::Matcher,
    contributed_word: memchr::memmem::Finder<'static>,
    clicking: shape::Matcher,
}

impl Boilerplate {
    pub fn new() -> Boilerplate {
        let mut labels = HashMap::new();
        for &(rule, reason, words) in LABELS {
            for word in words {
                labels.entry(shape::key(word)).or_insert((rule, reason));
            }
        }
        let patterns = PATTERNS.iter().map(|&(rule, reason, long, _)| (rule, reason, long)).collect();
        let set = shape::Matcher::new(&filled_patterns(), true);
        let counter = shape::regex(
            r"^\d[\d.,]*\s?[km]?\s?(?:(shares?)|(comments?|kommentare?|commentaires?|comentarios?|comentários?|commenti|комментари\w*|yorum\w*|bình luận|σχόλια|تعليق\w*|תגובות|评论|コメント|댓글))$",
        );
        let rights_pattern = format!("(?i){RIGHTS_RESERVED}");
        let rights = shape::Matcher::starting_by(RIGHTS_START_MAX, RIGHTS_RESERVED, true);
        let longest = regex_syntax::parse(&rights_pattern).ok().and_then(|hir| hir.properties().maximum_len());
        let rights_reach = RIGHTS_START_MAX + longest.expect("the phrases have a longest match");
        let rights_words = RightsWords::new(RIGHTS_RESERVED, RIGHTS_START_MAX);
        let contributed = shape::Matcher::one(CONTRIBUTED, true);
        let clicking = shape::Matcher::one(r"\sby clicking here[.!]?$", true);
        let contributed_word = memchr::memmem::Finder::new(b"contributed");
        Boilerplate {
            labels,
            patterns,
            set,
            counter,
            rights,
            rights_words,
            rights_reach,
            contributed,
            contributed_word,
            clicking,
        }
    }

    /// The rule and reason that `line` (trimmed, composed) is boilerplate, if
    /// it is. A `sentence` (a long line, or one that ends like a sentence
    /// after several words) is only checked by the patterns that describe
    /// sentence-shaped furniture.
    pub fn classify(&self, line: &str, key: Option<&str>, long_sentence: bool) -> Option<(Rule, &'static str)> {
        let short = line.len() <= SHORT_LINE;
        let sentence = key.is_none();
        if let Some(key) = key {
            if let Some(found) = self.label(key) {
                return Some(found);
            }
            if let Some(c) = self.counter.captures(key) {
                return Some(if c.get(1).is_some() {
                    (Rule::Share, "a share counter")
                } else {
                    (Rule::Comments, "a comment counter")
                });
            }
            if is_share_buttons(key) {
                return Some((Rule::Share, "share buttons"));
            }
            if let Some(reason) = timestamp(line) {
                return Some((Rule::Timestamp, reason));
            }
            if is_byline(line) {
                return Some((Rule::Byline, "a byline"));
            }
        }
        // Cheap looks first: these phrases are rare, and their patterns would
        // read the whole line.
        let bytes = line.as_bytes();
        if tail_is_here(bytes) && self.clicking.is_match(line) {
            return Some((Rule::Navigation, "a click-here prompt"));
        }
        if self.contributed_word.find(bytes).is_some() && self.contributed.is_match(line) {
            return Some((Rule::WireTrailer, "a wire-service trailer"));
        }
        if is_reporting_trailer(line) {
            return Some((Rule::WireTrailer, "a wire-service trailer"));
        }
        if sentence && long_sentence {
            return self.sentence_patterns(line, short);
        }
        if line.len() <= 300 && self.rights_reserved(line) {
            return Some((Rule::Copyright, "a copyright line"));
        }
        self.sentence_patterns(line, short)
    }

    /// Whether "all rights reserved", in one of its languages and any case,
    /// starts by byte [`RIGHTS_START_MAX`] of `line`.
    fn rights_reserved(&self, line: &str) -> bool {
        // Only the start of the line can hold it: a match that starts early
        // enough ends by `rights_reach`, and neither look reads further.
        let mut head = line.len().min(self.rights_reach);
        while !line.is_char_boundary(head) {
            head -= 1;
        }
        let head = &line[..head];
        self.rights_words.may_hold(head) && self.rights.is_match(head)
    }

    /// The rule of a whole-line label ("Advertisement", "Share this"), by
    /// the line's key.
    pub fn label(&self, key: &str) -> Option<(Rule, &'static str)> {
        self.labels.get(key).copied()
    }

    fn sentence_patterns(&self, line: &str, short: bool) -> Option<(Rule, &'static str)> {
        // No pattern matches a handle (each starts at "^" with something
        // other than "@"), so it may come first.
        if is_handle(line) {
            return Some((Rule::Share, "a social media handle on a line of its own"));
        }
        if !self.set.is_match(line) {
            return None;
        }
        self.set
            .matches(line)
            .map(|i| self.patterns[i])
            .find(|&(_, _, long)| short || long)
            .map(|(rule, reason, _)| (rule, reason))
    }
}

/// A word of each phrase of an alternation that every match of the phrase
/// holds right after a space: a cheap look that spares most lines the
/// automaton of "all rights reserved". That automaton counts up to
/// [`RIGHTS_START_MAX`] bytes while it follows every phrase begun, and on
/// Cyrillic text, where its own phrases begin at every other word, it
/// wanders among thousands of states that miss the processor's caches:
/// 11 % of the samples of a run on Cyrillic news for 4 % of its
/// instructions. Most lines hold no such word, and are told so by their
/// bytes after each space.
///
/// The word is the longer of each phrase's second and third (a long word is
/// the likelier to be rare, an early one keeps the look short), as the
/// characters case folding lets match each of its letters: the same simple
/// case folding as the automaton's ("ſ" for "s", "ᲃ" for "с"). A space
/// matches only itself, and no letter matches a space, so a match of a
/// phrase is a match of each of its words, with a space between.
#[derive(Debug)]
struct RightsWords {
    /// By the first byte of a word, the bytes that may come next, by their
    /// low six bits: the first two bytes of a match, told at once.
    opens: Box<[u64; 256]>,
    /// By the first byte of a word, the words that may start with it (a
    /// bit each).
    starting: Box<[u32; 256]>,
    /// Each word, as the characters that match each of its letters.
    words: Vec<Vec<ClassUnicode>>,
    /// How far into a line the space before a word may be: the latest
    /// start of a match, and the words before it at their longest
    /// spelling. (Looking no further spares a quarter of the look on
    /// Russian news.)
    reach: usize,
}

impl RightsWords {
    /// The words of `alternation`, "(?:phrase|phrase|…)", with no other
    /// syntax in it, for matches that start by byte `start_max`.
    fn new(alternation: &str, start_max: usize) -> RightsWords {
        let phrases = alternation.strip_prefix("(?:").and_then(|p| p.strip_suffix(')')).expect("an alternation");
        let folded = |c: char| {
            let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
            class.case_fold_simple();
            class
        };
        let chars = |class: &ClassUnicode| -> Vec<char> { class.iter().flat_map(|r| r.start()..=r.end()).collect() };
        let longest =
            |c: char| chars(&folded(c)).into_iter().map(char::len_utf8).max().expect("a letter matches itself");
        let mut reach = 0;
        let words: Vec<Vec<ClassUnicode>> = phrases
            .split('|')
            .map(|phrase| {
                let words: Vec<&str> = phrase.split(' ').collect();
                let k =
                    (1..words.len().min(3)).max_by_key(|&k| words[k].chars().count()).expect("phrases of two words");
                assert!(words[k].chars().nth(1).is_some(), "words of two letters: {:?}", words[k]);
                let before = words[..k].join(" ").chars().map(longest).sum::<usize>();
                reach = reach.max(start_max + before);
                words[k].chars().map(folded).collect()
            })
            .collect();
        assert!(words.len() <= 32, "a bit for each word");
        let (mut opens, mut starting) = (Box::new([0u64; 256]), Box::new([0u32; 256]));
        for (k, word) in words.iter().enumerate() {
            for first in chars(&word[0]) {
                let mut bytes = [0; 4];
                let first = first.encode_utf8(&mut bytes).as_bytes();
                let nexts = match first {
                    [_] => chars(&word[1]).iter().map(|&c| c.encode_utf8(&mut [0; 4]).as_bytes()[0]).collect(),
                    [_, next, ..] => vec![*next],
                    [] => unreachable!("a character has bytes"),
                };
                for next in nexts {
                    opens[usize::from(first[0])] |= 1 << (next & 63);
                }
                starting[usize::from(first[0])] |= 1 << k;
            }
        }
        RightsWords { opens, starting, words, reach }
    }

    /// False when no phrase can match in `head`: no space in it is followed
    /// by a match of its phrase's word.
    fn may_hold(&self, head: &str) -> bool {
        // The spaces eight bytes at a time, as far as they may be.
        let bytes = &head.as_bytes()[..head.len().min(self.reach + 1)];
        let mut at = 0;
        while at < bytes.len() {
            let chunk = match bytes[at..].first_chunk::<8>() {
                Some(chunk) => u64::from_le_bytes(*chunk),
                // The last few bytes, as the low bytes of the last eight
                // (or of zeros, which are no spaces).
                None => match bytes.last_chunk::<8>() {
                    Some(last) => u64::from_le_bytes(*last) >> (8 * (at + 8 - bytes.len())),
                    None => bytes.iter().rev().fold(0, |word, &b| word << 8 | u64::from(b)),
                },
            };
            let mut spaces = swar::equal(chunk, b' ');
            while spaces != 0 {
                if self.word_at(head, at + spaces.trailing_zeros() as usize / 8 + 1) {
                    return true;
                }
                spaces &= spaces - 1;
            }
            at += 8;
        }
        false
    }

    /// Whether `head` (a character boundary at `at`) goes on at `at` with a
    /// match of a word.
    fn word_at(&self, head: &str, at: usize) -> bool {
        let Some(&[first, next]) = head.as_bytes().get(at..).and_then(<[u8]>::first_chunk::<2>) else { return false };
        if self.opens[usize::from(first)] >> (next & 63) & 1 == 0 {
            return false;
        }
        let mut words = self.starting[usize::from(first)];
        while words != 0 {
            let mut chars = head[at..].chars();
            if self.words[words.trailing_zeros() as usize].iter().all(|class| {
                chars.next().is_some_and(|c| class.ranges().iter().any(|r| (r.start()..=r.end()).contains(&c)))
            }) {
                return true;
            }
            words &= words - 1;
        }
        false
    }
}

/// The [`PATTERNS`], in order, with their `{…}` placeholders filled in.
fn filled_patterns() -> Vec<String> {
    let (related, tags, byline) = (alternation(RELATED_LABELS), alternation(TAG_LABELS), alternation(BYLINE_LABELS));
    PATTERNS
        .iter()
        .map(|&(_, _, _, pattern)| {
            pattern.replace("{related}", &related).replace("{tags}", &tags).replace("{byline}", &byline)
        })
        .collect()
}

/// A social media handle on a line of its own: "@" and 2 to 30 word
/// characters (the regex crate's Unicode `\w`: letters, marks, decimal
/// digits, connector punctuation such as "_", and the joiners). Told in
/// code rather than by a pattern: thirty copies of the
/// automaton of `\w` were a quarter of the boilerplate patterns' compiling,
/// which every run waits for.
fn is_handle(line: &str) -> bool {
    let Some(name) = line.strip_prefix('@') else { return false };
    (2..=30).contains(&name.chars().count()) && name.chars().all(regex_syntax::is_word_character)
}

/// "(Reporting by Ana Silva; Editing by Tom Brown)", "Reporting by Rodrigo
/// Campos; additional reporting by Stephanie Kelly and Saqib Iqbal Ahmed in
/// New York; Editing by Nick Zieminski": each part a role, then names (and
/// a place). "Reporting by local journalists revealed the problem" is a
/// sentence.
fn is_reporting_trailer(line: &str) -> bool {
    // Most lines are told by their first letter, before their end is
    // trimmed (trimming it, a character and its Unicode white space at a
    // time, was 1 % of the instructions on Russian news).
    may_start_with_a_role(line) && is_roles_and_names(line)
}

/// The roles of a [reporting trailer](is_reporting_trailer), lowercase.
const ROLES: &[&str] = &[
    "additional reporting by ",
    "with reporting by ",
    "reporting by ",
    "writing by ",
    "written by ",
    "editing by ",
    "edited by ",
    "compiled by ",
    "graphics by ",
];

/// Whether `line`'s first letter, past brackets and white space, may start
/// a role: every role starts with one of these letters. When anything is
/// left of the line once both its ends are trimmed, it starts there.
fn may_start_with_a_role(line: &str) -> bool {
    let first = line.trim_start_matches(['(', '[']).trim_start().bytes().next();
    first.is_some_and(|b| matches!(b.to_ascii_lowercase(), b'a' | b'w' | b'r' | b'e' | b'c' | b'g'))
}

/// [`is_reporting_trailer`] by its definition.
fn is_roles_and_names(line: &str) -> bool {
    let inner = line.trim_start_matches(['(', '[']).trim_end_matches(['.', ')', ']']).trim();
    if !ROLES.iter().any(|r| starts_with_role(inner, r)) || line.len() > 400 {
        return false;
    }
    // Parts are separated by ";" or ","; each starts with a role or is more
    // names: "Reporting by A, B, with reporting by C and D, editing by E".
    inner.split([';', ',']).all(|part| {
        let part = part.trim();
        let names = ROLES.iter().find(|r| starts_with_role(part, r)).and_then(|r| part.get(r.len()..)).unwrap_or(part);
        // A place after the names: "… in New York".
        let names = names.rsplit_once(" in ").filter(|(_, place)| is_name(place, 4)).map_or(names, |(names, _)| names);
        names.split(" and ").map(|n| n.trim().trim_start_matches("& ")).all(|n| is_name(n, 5))
    })
}

/// Whether `text` starts with `role` (lowercase ASCII) in any case. Only
/// ASCII letters lowercase to the role's letters (but for KELVIN SIGN, which
/// lowercases to a "k" no role has), so a byte comparison is lowercasing
/// the start of `text` without building a string for every line.
fn starts_with_role(text: &str, role: &str) -> bool {
    text.as_bytes().get(..role.len()).is_some_and(|start| start.eq_ignore_ascii_case(role.as_bytes()))
}

/// The line ends with "here", "here." or "here!", in any case.
fn tail_is_here(bytes: &[u8]) -> bool {
    let end = bytes.strip_suffix(b".").or_else(|| bytes.strip_suffix(b"!")).unwrap_or(bytes);
    end.len() >= 4 && end[end.len() - 4..].eq_ignore_ascii_case(b"here")
}

fn is_share_buttons(key: &str) -> bool {
    let mut strong = false;
    for word in key.split(' ') {
        if SHARE_WORDS.contains(&word) {
            strong = true;
        } else if !SHARE_CONNECTORS.contains(&word) {
            return false;
        }
    }
    strong
}

/// "By Jane Doe", "By JERUSALEM POST STAFF", "Par Jean Dupont", "Written by
/// Rachael Link, MS, RD on November 14, 2019": a byline label, then names
/// only, at most a date after them.
fn is_byline(line: &str) -> bool {
    let head: String = line.chars().take(12).flat_map(char::to_lowercase).collect();
    let Some(rest) = ["by ", "written by ", "words by ", "story by ", "par ", "por ", "von ", "di ", "от "]
        .iter()
        .find_map(|label| if head.starts_with(label) { line.get(label.len()..) } else { None })
    else {
        return false;
    };
    let names =
        rest.split_once(" on ").map_or(rest, |(names, date)| if is_date(date) == When::Not { rest } else { names });
    let mut parts = names.split([',', '|']).map(str::trim).filter(|p| !p.is_empty());
    !ends_sentence(line)
        && shape::words(line) <= 16
        && parts.next().is_some_and(|first| is_name(first, 6))
        && parts.all(|p| is_name(p, 4) || is_date(p) != When::Not)
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "dezembro",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];
const DATE_FILLERS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "first",
    "last",
    "modified",
    "date",
    "on",
    "at",
    "retrieved",
    "created",
    "veröffentlicht",
    "aktualisiert",
    "am",
    "um",
    "publié",
    "publiée",
    "le",
    "mis",
    "à",
    "jour",
    "publicado",
    "actualizado",
    "el",
    "pubblicato",
    "aggiornato",
    "il",
    "опубликовано",
    "обновлено",
    "ago",
    "the",
    "of",
    "de",
    "pm",
    "a",
    "m",
    "p",
    "a.m",
    "p.m",
    "est",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "ist",
    "jst",
    "kst",
    "msk",
    "aest",
    "et",
    "pt",
    "uhr",
    "h",
    "hours",
    "hour",
    "hrs",
    "hr",
    "minutes",
    "minute",
    "mins",
    "min",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "seconds",
    "secs",
    "t",
];

/// Why `line` is a publication date or time stamp, if it is: "Published: Nov.
/// 19, 2019, 6:18 p.m.", "11/20/2019 01:14 PM", "2019-11-13T23:06:00+01:00",
/// "~5 days ago", "New Delhi | Updated : 19 November 2019, 09:01 AM".
pub fn timestamp(line: &str) -> Option<&'static str> {
    // Every stamp has a digit: a day, a year, a clock time, "3 hours ago".
    if line.len() > 160
        || !line.bytes().any(|b| b.is_ascii_digit())
        || ends_sentence(line.trim_end_matches(['.', ')'])) && !line.ends_with('.')
    {
        return None;
    }
    let mut segments = line.split(['|', '•', '·']).map(str::trim).filter(|s| !s.is_empty());
    let (mut stamped, mut dated, mut byline) = (false, false, false);
    let all_fit = segments.all(|segment| match is_date(segment) {
        When::Stamp => {
            stamped = true;
            true
        }
        When::Date => {
            dated = true;
            true
        }
        When::Not => {
            // A place, bureau or byline beside the date.
            let by = segment.strip_prefix("by ").or_else(|| segment.strip_prefix("By "));
            byline |= by.is_some();
            by.unwrap_or(segment).split(',').all(|n| is_name(n.trim(), 5))
        }
    });
    (all_fit && (stamped || dated && byline)).then_some("a publication date or time stamp")
}

/// Only date and time words, with at least one that is unmistakably a date
/// or a time.
fn is_date(segment: &str) -> When {
    let lower = segment.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']' | '~' | '—' | '–'))
        .map(|t| t.trim_matches(['.', ':', '-']))
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.is_empty() || tokens.len() > 14 {
        return When::Not;
    }
    // A name may precede the date: "Jose Altoveros 2019-11-20 14:35:08".
    let original: Vec<&str> = segment.split_whitespace().collect();
    let lead = original.iter().take_while(|w| is_name(w, 1) && !is_date_word(&w.to_lowercase())).count();
    let tokens = if lead > 0 && lead <= 4 && tokens.len() > lead { &tokens[lead..] } else { &tokens[..] };
    let (mut dated, mut stamped, mut number) = (false, false, false);
    for t in tokens {
        if is_clock(t) || is_numeric_date(t) || STAMP_LABELS.contains(t) {
            (dated, stamped) = (dated || !STAMP_LABELS.contains(t), true);
        } else if MONTHS.contains(t) {
            dated = true;
        } else if t.bytes().all(|b| b.is_ascii_digit()) && t.len() <= 4 || is_ordinal(t) {
            number = true;
        } else if !(WEEKDAYS.contains(t) || DATE_FILLERS.contains(t)) {
            return When::Not;
        }
    }
    match (dated, stamped) {
        _ if number && tokens.contains(&"ago") => When::Stamp,
        (true, true) => When::Stamp,
        (true, false) if lead == 0 => When::Date,
        _ => When::Not,
    }
}

/// What a segment of a line says about time.
#[derive(Clone, Copy, PartialEq, Eq)]
enum When {
    /// Not only date words.
    Not,
    /// A date alone ("1. Januar 2023", "Seit Dezember 2015"): in a press
    /// release or a diary, that is body text.
    Date,
    /// A time stamp: with a clock time, a numeric date, or a label
    /// ("Published", "Updated", "3 hours ago").
    Stamp,
}

/// Words that make a date a publication stamp.
const STAMP_LABELS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "modified",
    "retrieved",
    "created",
    "veröffentlicht",
    "aktualisiert",
    "publié",
    "publiée",
    "publicado",
    "actualizado",
    "pubblicato",
    "aggiornato",
    "опубликовано",
    "обновлено",
];

fn is_date_word(t: &str) -> bool {
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    MONTHS.contains(&t) || WEEKDAYS.contains(&t) || DATE_FILLERS.contains(&t)
}

/// "6:18", "09:01", "14:35:08", "8h30", "7pm".
fn is_clock(t: &str) -> bool {
    let t = t.trim_end_matches("am").trim_end_matches("pm");
    let parts: Vec<&str> = t.split([':', 'h']).collect();
    parts.len() >= 2
        && parts.len() <= 3
        && parts[0].len() <= 2
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// "11/20/2019", "2019-11-13", "19.11.2019", "2019-11-13t23:06:00+01:00".
fn is_numeric_date(t: &str) -> bool {
    let date = t.split('t').next().unwrap_or(t);
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.iter().any(|p| p.len() == 4 || p.len() == 2)
}

fn is_ordinal(t: &str) -> bool {
    ["st", "nd", "rd", "th", "er", "e"].iter().any(|s| {
        t.strip_suffix(s).is_some_and(|n| !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(b: &Boilerplate, line: &str) -> Option<Rule> {
        let sentence = line.ends_with('.') && shape::words(line) >= 8;
        let key = shape::key(line);
        b.classify(line, (!sentence).then_some(key.as_str()), shape::words(line) >= 16).map(|(r, _)| r)
    }

    /// What lets the look for the phrases' words pass over a line without a
    /// space: every phrase holds one, and so does every match, in any case;
    /// and what lets the search stop at `rights_reach`.
    #[test]
    fn the_rights_search_skips_lines_without_a_space_and_reads_far_enough() {
        let phrases = RIGHTS_RESERVED.strip_prefix("(?:").and_then(|p| p.strip_suffix(')')).unwrap();
        assert_eq!(phrases.split('|').count(), 18);
        let b = Boilerplate::new();
        for phrase in phrases.split('|') {
            assert!(phrase.contains(' '), "{phrase:?}");
            assert!(b.rights.is_match(phrase), "{phrase:?}");
            assert!(!b.rights.is_match(&phrase.replace(' ', "\u{a0}")), "{phrase:?}");
        }
        // The longest match there is: the Greek phrase with each "ι" as
        // U+1FBE, which case folding takes for it (three bytes instead of
        // two). Starting at the last byte allowed it ends where the search
        // does; and neither it nor the longest phrases of other scripts
        // count one byte later, in lines long enough to be cut.
        let longest = "με την επιφύλαξη παντός δικαιώματος".replace('ι', "\u{1fbe}");
        assert_eq!(RIGHTS_START_MAX + longest.len(), b.rights_reach);
        for phrase in
            [longest.as_str(), "με την επιφύλαξη παντός δικαιώματος", "सर्वाधिकार सुरक्षित", "все права защищены"]
        {
            for (start, found) in [(RIGHTS_START_MAX, Some(Rule::Copyright)), (RIGHTS_START_MAX + 1, None)] {
                let line = format!("{}{phrase} {}", "x".repeat(start), "y".repeat(100));
                assert_eq!(classify(&b, &line), found, "{line:?}");
            }
        }
        assert_eq!(classify(&b, "© 2026 Northgate Media. ALL RIGHTS RESERVED"), Some(Rule::Copyright));
        assert_eq!(classify(&b, "版权所有 © 2026 北方传媒 All rights reserved"), Some(Rule::Copyright));
    }

    /// The phrases of [`RIGHTS_RESERVED`].
    fn rights_phrases() -> Vec<&'static str> {
        RIGHTS_RESERVED.strip_prefix("(?:").and_then(|p| p.strip_suffix(')')).unwrap().split('|').collect()
    }

    /// Each letter of the phrases with every character that the phrases'
    /// own pattern takes for it, found by asking it of every character
    /// there is (not from the case folding tables the look is built from).
    static SPELLINGS: std::sync::LazyLock<HashMap<char, Vec<char>>> = std::sync::LazyLock::new(|| {
        let mut letters: Vec<char> = rights_phrases().iter().flat_map(|p| p.chars()).filter(|&c| c != ' ').collect();
        letters.sort_unstable();
        letters.dedup();
        let set =
            regex::RegexSet::new(letters.iter().map(|c| format!("(?i)^{}$", regex::escape(&c.to_string())))).unwrap();
        let mut spellings: HashMap<char, Vec<char>> = HashMap::new();
        for c in '\0'..=char::MAX {
            for k in &set.matches(c.encode_utf8(&mut [0; 4])) {
                spellings.entry(letters[k]).or_default().push(c);
            }
        }
        spellings.insert(' ', vec![' ']);
        spellings
    });

    /// Every other spelling of every letter of every phrase, in a line at
    /// every start the rule allows (so at every place among the eight-byte
    /// steps): the look for the words lets each through, and the rule
    /// finds it. Lines of Cyrillic news without the phrases, where the
    /// look pays, it refuses.
    #[test]
    fn the_rights_words_let_every_spelling_of_a_phrase_through() {
        let b = Boilerplate::new();
        for phrase in rights_phrases() {
            // Each letter at its longest spelling too, the furthest the
            // words may be.
            let longest: String =
                phrase.chars().map(|c| *SPELLINGS[&c].iter().max_by_key(|c| c.len_utf8()).unwrap()).collect();
            for (k, letter) in phrase.char_indices() {
                for spelt in SPELLINGS[&letter]
                    .iter()
                    .map(|other| format!("{}{other}{}", &phrase[..k], &phrase[k + letter.len_utf8()..]))
                    .chain([longest.clone()])
                {
                    for start in 0..=RIGHTS_START_MAX {
                        let line = format!("{}{spelt} {}", "x".repeat(start), "y".repeat(100));
                        assert!(b.rights_reserved(&line), "{line:?}");
                    }
                }
            }
        }
        assert!(b.rights_words.reach + 32 < b.rights_reach, "{}", b.rights_words.reach);
        for line in [
            "За последние сутки в регионе выпало до 20 сантиметров снега, сообщили в МЧС",
            "Захист прав людини: заява уповноваженого",
            "Все права на участие в конкурсе",
        ] {
            assert!(!b.rights_words.may_hold(line), "{line:?}");
        }
    }

    proptest::proptest! {
        /// The look for the words and the one anchored pass find what
        /// searching the line for the phrases finds starting by byte
        /// `RIGHTS_START_MAX`: phrases in any case and spelling, at every
        /// offset around the limit, after and among other letters of the
        /// same scripts.
        #[test]
        fn the_rights_search_finds_a_phrase_where_it_starts_early_enough(
            before in "([a-z ©.]{0,9}|é|ß|все|права|τ|ι|中|\\u{1fbe}){0,14}",
            phrase in proptest::sample::select(rights_phrases()),
            upper: bool,
            spelling in proptest::collection::vec(0usize..8, 40),
            whole: bool,
            cut in 1usize..40,
            after in "[a-z .]{0,12}",
        ) {
            static PHRASES: std::sync::LazyLock<regex::Regex> =
                std::sync::LazyLock::new(|| regex::Regex::new(&format!("(?i){RIGHTS_RESERVED}")).unwrap());
            static B: std::sync::LazyLock<Boilerplate> = std::sync::LazyLock::new(Boilerplate::new);
            // In capitals, or each letter spelt one of the ways it may be.
            let phrase: String = if upper {
                phrase.to_uppercase()
            } else {
                phrase.chars().zip(spelling.iter().cycle()).map(|(c, &k)| SPELLINGS[&c][k % SPELLINGS[&c].len()]).collect()
            };
            // A whole phrase, or only its start.
            let mut end = if whole { phrase.len() } else { phrase.len().saturating_sub(cut) };
            while !phrase.is_char_boundary(end) {
                end -= 1;
            }
            let line = format!("{before}{}{after}", &phrase[..end]);
            let found = PHRASES.find_iter(&line).any(|m| m.start() <= RIGHTS_START_MAX);
            proptest::prop_assert_eq!(B.rights_reserved(&line), found, "{:?}", line);
        }
    }

    #[test]
    fn furniture_is_recognised() {
        let b = Boilerplate::new();
        for (line, rule) in [
            ("Advertisement", Rule::Advert),
            ("ADVERTISEMENT", Rule::Advert),
            ("- Advertisement -", Rule::Advert),
            ("Publicité", Rule::Advert),
            ("Quảng cáo", Rule::Advert),
            ("Sign up for our morning newsletter", Rule::Newsletter),
            ("Subscribe to our newsletter to get the latest news", Rule::Newsletter),
            ("Suscríbete a nuestro boletín para recibir las últimas noticias", Rule::Newsletter),
            ("CLICK HERE TO GET THE FOX NEWS APP", Rule::Newsletter),
            ("Share this article", Rule::Share),
            ("Facebook Twitter WhatsApp Email", Rule::Share),
            ("Compartir en Facebook", Rule::Share),
            ("分享到：微信 微博 QQ空间", Rule::Share),
            ("858shares", Rule::Share),
            (
                "Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and Instagram.",
                Rule::Share,
            ),
            ("Read more: Storm hits coast", Rule::RelatedLink),
            ("READ MORE: Prices rise again", Rule::RelatedLink),
            ("Lesen Sie auch: Neue Regeln für Mieter", Rule::RelatedLink),
            ("İlgili haber: Marmaray’da yeni sefer saatleri belli oldu", Rule::RelatedLink),
            ("You may also like", Rule::RelatedLink),
            ("Tags: Alibaba, Hong Kong", Rule::Navigation),
            ("Next Post", Rule::Navigation),
            ("Proudly powered by WordPress", Rule::Navigation),
            ("Ähnliche Beiträge", Rule::RelatedLink),
            ("Schreibe einen Kommentar", Rule::Comments),
            ("Image 1 of 5", Rule::Navigation),
            ("[ 167 comments ]", Rule::Comments),
            ("Leave a Reply Cancel reply", Rule::Comments),
            ("© 2026 Northgate Media. All rights reserved.", Rule::Copyright),
            ("© Copyright Gannett 2018", Rule::Copyright),
            ("무단전재 및 재배포 금지", Rule::Copyright),
            ("(Reporting by Ana Silva; Editing by Tom Brown)", Rule::WireTrailer),
            ("(REPORTING BY ANA SILVA; EDITING BY TOM BROWN)", Rule::WireTrailer),
            (
                "Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly and Saqib Iqbal Ahmed in New York; Editing by Nick Zieminski",
                Rule::WireTrailer,
            ),
            (
                "(Reporting by Greg Roumeliotis, Joshua Franklin, with reporting by Herb Lash and Megan Davies, editing by Martin Howell.)",
                Rule::WireTrailer,
            ),
            ("Fox News’ Jessica Napoli contributed to this report.", Rule::WireTrailer),
            (
                "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.",
                Rule::CookieNotice,
            ),
            ("Published: Nov. 19, 2019, 6:18 p.m.", Rule::Timestamp),
            ("2019-11-13T23:06:00+01:00", Rule::Timestamp),
            ("11/20/2019 01:14 PM", Rule::Timestamp),
            ("New Delhi, News Nation Bureau | Updated : 19 November 2019, 09:01 AM", Rule::Timestamp),
            ("October 9, 2018 | by Olivia Larsen", Rule::Timestamp),
            ("By JERUSALEM POST STAFF", Rule::Byline),
            ("Written by Rachael Link, MS, RD on November 14, 2019", Rule::Byline),
            ("（责任编辑：张伟）", Rule::Byline),
            ("Write to Al Root at allen.root@dowjones.com", Rule::Byline),
            ("@Reuters", Rule::Share),
            ("@süddeutsche_zeitung", Rule::Share),
        ] {
            assert_eq!(classify(&b, line), Some(rule), "{line}");
        }
    }

    /// The patterns as written, placeholders filled, each on its own
    /// (case-insensitive, ASCII word boundaries, as the set is compiled).
    fn written_patterns() -> Vec<regex::Regex> {
        filled_patterns().iter().map(|p| shape::regex(&format!("(?i){p}"))).collect()
    }

    /// The one automaton of all patterns, with its repeats of "." counted
    /// over bytes, finds in every line the patterns the regex crate finds
    /// with the patterns as written: in the articles, and at the bounds of
    /// every repeat, with characters of one to four bytes.
    #[test]
    fn the_compiled_set_matches_what_the_patterns_say() {
        let b = Boilerplate::new();
        let written = written_patterns();
        let mut lines: Vec<String> = Vec::new();
        for dir in ["corpora/articles", "corpora/source"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(&dir).expect("the corpus is in the repository") {
                let text = std::fs::read_to_string(entry.expect("a directory entry").path()).unwrap_or_default();
                lines.extend(text.lines().map(|l| shape::composed(l.trim()).into_owned()));
            }
        }
        // An opening for every repeat of ".", then a fill of n characters
        // at the repeat's bounds, then what may follow it.
        let heads = [
            "sponsored by ",
            "advertisement: ",
            "subscribe for just ",
            "sign up for our ",
            "get our ",
            "abonnez-vous",
            "inscrivez-vous ",
            "abonnieren sie ",
            "melden sie sich ",
            "assine ",
            "iscriviti ",
            "zapisz się",
            "zapraszamy ",
            "přihlaste se k odběru",
            "bültenimize",
            "abone ol",
            "đăng ký nhận",
            "εγγραφείτε",
            "اشترك",
            "הירשמו",
            "订阅",
            "メールマガジン",
            "뉴스레터",
            "get the ",
            "download our ",
            "get ",
            "more from ",
            "more in ",
            "read more from ",
            "like this story?",
            "suivez-nous sur ",
            "síguenos en",
            "無断転載",
            "무단 전재",
            "版权所有",
            "未经授权x禁止转载",
            "reproduction interdite ",
            "contributing: ",
            "(contributing: ",
            "this material may not be published, broadcast, rewritten or redistributed",
        ];
        let tails = [
            "",
            " newsletter",
            " weekly",
            " app",
            " on the go",
            " headlines",
            "x",
            ".",
            ":",
            "：",
            "\u{3000}：",
            ")",
            ".)",
        ];
        let fills = ["a", " ", "é", "中", "😀", "é中😀a\u{301}"];
        for head in heads {
            for tail in tails {
                for fill in fills {
                    for n in [0, 1, 29, 30, 31, 39, 40, 41, 59, 60, 61, 79, 80, 81, 299, 300, 301] {
                        let fill: String = fill.chars().cycle().take(n).collect();
                        lines.push(format!("{head}{fill}{tail}"));
                    }
                }
            }
        }
        assert!(lines.len() > 10_000, "{} lines", lines.len());
        for line in &lines {
            let expected: Vec<usize> = (0..written.len()).filter(|&i| written[i].is_match(line)).collect();
            assert_eq!(b.set.matches(line).collect::<Vec<_>>(), expected, "{line}");
        }
    }

    #[test]
    fn a_handle_has_two_to_thirty_word_characters() {
        for fill in ["a", "é", "_", "٣", "e\u{301}"] {
            for n in 0..=33 {
                let line = format!("@{}", fill.repeat(n));
                let characters = line.chars().count() - 1;
                assert_eq!(is_handle(&line), (2..=30).contains(&characters), "{line}");
            }
        }
        assert!(!is_handle("@ab c") && !is_handle("ab") && !is_handle("@ab!"));
    }

    proptest::proptest! {
        /// Every reporting trailer has a first letter that may start a
        /// role, whatever brackets, white space and stops are around it,
        /// and whatever is left once its ends are trimmed.
        #[test]
        fn the_first_letter_of_a_reporting_trailer_may_start_a_role(
            line in "[(\\[)\\]. \t\u{a0}\u{3000}\u{2003}]{0,3}(Reporting by |EDITING BY |additional Reporting by |x)?(Anna Kim|Tom Brown|\\.)((; |, )(edited by |with reporting by )?(Anna Kim|Tom)( in Paris)?){0,2}[)\\]. \u{a0}]{0,3}",
        ) {
            proptest::prop_assert!(!is_roles_and_names(&line) || may_start_with_a_role(&line), "{:?}", line);
        }
    }

    proptest::proptest! {
        /// A handle is what `^@\w{2,30}$` matched when it was a pattern,
        /// and no pattern matches one.
        #[test]
        fn a_handle_is_what_its_pattern_said(
            line in "@?([a-zA-Z0-9_éÆßЖ中٣‿＿]|\u{301}|\u{200d}|\u{200c}|[ .@’-]){0,33}",
        ) {
            static HANDLE: std::sync::LazyLock<regex::Regex> =
                std::sync::LazyLock::new(|| shape::regex(r"(?i)^@\w{2,30}$"));
            proptest::prop_assert_eq!(is_handle(&line), HANDLE.is_match(&line));
            if is_handle(&line) {
                static WRITTEN: std::sync::LazyLock<Vec<regex::Regex>> = std::sync::LazyLock::new(written_patterns);
                proptest::prop_assert!(WRITTEN.iter().all(|p| !p.is_match(&line)));
            }
        }
    }

    #[test]
    fn every_label_fits_the_label_length_the_stage_looks_up() {
        for &(_, _, labels) in LABELS {
            for label in labels {
                assert!(label.len() <= super::super::LABEL_MAX_BYTES, "{label}");
            }
        }
    }

    #[test]
    fn sentences_about_the_same_things_stay() {
        let b = Boilerplate::new();
        for line in [
            "The company cut its advertising budget by a third.",
            "Subscriptions to the paper rose 8% last year.",
            "“Read more books,” the minister told students.",
            "Share prices fell 3% in early trading.",
            "Shares of the company rose 4%.",
            "The regulator said the site used cookies without asking for consent.",
            "Readers can sign up for the newsletter, which the paper launched in May, on its website, the editor said in a statement on Tuesday.",
            "Copyright law was changed in 2019 after a long campaign by musicians.",
            "The court found that the studio, which had argued for years in several countries that all rights reserved under the old contract were still its own, had no case.",
            "By the way, the vote was close.",
            "By Tuesday, the water had receded.",
            "Follow the money, she said.",
            "Powered by wind and sun, the island now needs no diesel at all.",
            "May 2019 was the wettest month on record.",
            "Next year the festival moves to Leeds.",
            "Seit Dezember 2015",
            "1. Januar 2023",
            "Düsseldorf, 22. November 2022 -",
            "More than 300 people attended.",
            "Watch the birds, not the feeder.",
            "Related reading is available in the library.",
            "The bottom line",
            "KAZAKHSTAN WINS AGAIN",
            "healthy snack bars",
            "Contributing to the fund is voluntary, he said.",
            "Reporting by local journalists revealed the problem in 2019.",
        ] {
            assert_eq!(classify(&b, line), None, "{line}");
        }
    }
}
