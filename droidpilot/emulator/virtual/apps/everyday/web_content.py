"""The bundled offline web Chrome shows: a search engine answering from a small index, a few
encyclopedia articles, a news list, and a contact form whose submission echoes the values.

Pages are plain data here; ``web`` turns them into views. Anything not in this little web
fails as an unreachable site would (the device has no internet).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEARCH_HOME = "https://www.google.com/"
NEWS_HOME = "https://news.example.com/"
FORM_URL = "https://forms.example.com/contact"


@dataclass
class Article:
    url: str
    title: str
    paragraphs: list[str]
    keywords: tuple[str, ...] = ()
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, url)


ARTICLES: dict[str, Article] = {}


def _add(article: Article) -> None:
    ARTICLES[article.url] = article


_add(Article(
    "https://en.wikipedia.org/wiki/Eiffel_Tower", "Eiffel Tower - Wikipedia",
    ["The Eiffel Tower is a wrought-iron lattice tower on the Champ de Mars in Paris, France.",
     "It is named after the engineer Gustave Eiffel, whose company designed and built the tower from 1887 to 1889.",
     "The tower is 330 metres (1,083 ft) tall, about the same height as an 81-storey building.",
     "It was the tallest man-made structure in the world until the Chrysler Building in New York City was finished in 1930."],
    ("eiffel", "tower", "paris", "france", "gustave"),
    [("Paris", "https://en.wikipedia.org/wiki/Paris")],
))
_add(Article(
    "https://en.wikipedia.org/wiki/Paris", "Paris - Wikipedia",
    ["Paris is the capital and largest city of France, with an estimated population of 2,102,650 residents in January 2023.",
     "The City of Paris is the centre of the Ile-de-France region.",
     "Its landmarks include the Eiffel Tower, the Louvre and the Cathedral of Notre-Dame."],
    ("paris", "france", "capital", "louvre"),
    [("Eiffel Tower", "https://en.wikipedia.org/wiki/Eiffel_Tower")],
))
_add(Article(
    "https://en.wikipedia.org/wiki/Python_(programming_language)", "Python (programming language) - Wikipedia",
    ["Python is a high-level, general-purpose programming language. Its design philosophy emphasizes code readability.",
     "Guido van Rossum began working on Python in the late 1980s; it was first released in 1991.",
     "Python 3.0, released in 2008, was a major revision not completely backward-compatible with earlier versions."],
    ("python", "programming", "language", "guido", "rossum", "code"),
))
_add(Article(
    "https://en.wikipedia.org/wiki/Mount_Everest", "Mount Everest - Wikipedia",
    ["Mount Everest is Earth's highest mountain above sea level, located in the Mahalangur Himal sub-range of the Himalayas.",
     "Its elevation of 8,848.86 m (29,031 ft 8 in) was most recently established in 2020 by the Chinese and Nepali authorities.",
     "The first recorded ascent was by Tenzing Norgay and Edmund Hillary on 29 May 1953."],
    ("everest", "mountain", "himalaya", "highest", "hillary", "tenzing"),
))
_add(Article(
    "https://www.allrecipes.com/recipe/pancakes", "Fluffy Pancakes | Allrecipes",
    ["Ingredients: 1 1/2 cups flour, 3 1/2 teaspoons baking powder, 1 tablespoon sugar, 1/4 teaspoon salt, 1 1/4 cups milk, 1 egg, 3 tablespoons butter.",
     "Whisk the dry ingredients, make a well, pour in the milk, egg and melted butter, and mix until smooth.",
     "Cook on a hot griddle, about 1/4 cup per pancake, until bubbles form, then flip and brown the other side.",
     "Servings: 8 pancakes. Total time: 20 minutes."],
    ("pancake", "pancakes", "recipe", "breakfast", "flour"),
))
_add(Article(
    "https://weather.example.com/today", "Weather today - Forecast",
    ["Today: partly cloudy, high 18\u00b0C, low 9\u00b0C. Wind NW 12 km/h. Chance of rain 20%.",
     "Tomorrow: light rain in the afternoon, high 15\u00b0C, low 8\u00b0C.",
     "Weekend: sunny spells, highs around 20\u00b0C."],
    ("weather", "forecast", "rain", "temperature", "today"),
))

NEWS = [
    ("City council approves new bike lanes downtown", "https://news.example.com/bike-lanes",
     ["The city council voted 7-2 on Tuesday to add 12 km of protected bike lanes downtown.",
      "Construction is expected to begin in the spring and finish by the end of the year."]),
    ("Local bakery wins national bread award", "https://news.example.com/bakery-award",
     ["Crumb & Co., a family bakery on Elm Street, won the national sourdough award this weekend.",
      "The owners said they would celebrate with free bread for the first 100 customers on Saturday."]),
    ("Storm expected to bring heavy rain on Friday", "https://news.example.com/storm-friday",
     ["Forecasters expect up to 60 mm of rain on Friday, with strong winds along the coast.",
      "Residents are advised to secure outdoor furniture and avoid low-lying roads."]),
    ("Museum reopens after two-year renovation", "https://news.example.com/museum-reopens",
     ["The city museum reopened on Monday with a new wing for natural history.",
      "Entry is free for residents during the first month."]),
]
for _title, _url, _paras in NEWS:
    _add(Article(_url, f"{_title} - Example News", _paras, tuple(w.lower() for w in _title.split() if len(w) > 3),
                 [("Back to all news", NEWS_HOME)]))


def search(query: str, limit: int = 8) -> list[Article]:
    """Articles ranked by how many query words they mention (title words count double)."""
    words = [w for w in "".join(c.lower() if c.isalnum() else " " for c in query).split() if len(w) > 1]
    scored = []
    for art in ARTICLES.values():
        hay = " ".join(art.paragraphs).lower()
        title = art.title.lower()
        score = sum((2 if w in title else 0) + (3 if w in art.keywords else 0) + (1 if w in hay else 0) for w in words)
        if score:
            scored.append((-score, art.url, art))
    scored.sort()
    return [a for _, _, a in scored[:limit]]
