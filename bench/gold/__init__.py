"""Hand-made gold of real news (docs/annotation.md): the article list, access to each
article's text, and the validator. Publishers' text stays in ../shared or the demo cache;
only our annotations (with short quoted spans) live here."""
