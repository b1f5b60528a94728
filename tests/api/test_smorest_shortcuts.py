"""What the project's flask-smorest Blueprint skips on every request gives the same answers as before."""
import json

import flask_smorest
from marshmallow import Schema, fields

from matchmaker.extensions import ArgumentsParser, Blueprint


def test_pagination_metadata_is_flask_smorests_to_the_byte():
    for item_count in (0, 1, 19, 20, 21, 99, 100, 101):
        for page_size in (1, 20, 100):
            for page in (1, 2, 3, 7, 200):
                ours = Blueprint._make_pagination_metadata(page, page_size, item_count)
                theirs = flask_smorest.Blueprint._make_pagination_metadata(page, page_size, item_count)
                assert json.dumps(ours) == json.dumps(theirs), (page, page_size, item_count)


def test_a_schema_given_as_a_class_is_made_once():
    made = []

    class Counted(Schema):
        name = fields.String()

        def __init__(self, *args, **kwargs):
            made.append(1)
            super().__init__(*args, **kwargs)

    parser = ArgumentsParser()
    assert parser._get_schema(Counted, None) is parser._get_schema(Counted, None)
    assert len(made) == 1
    instance = Counted()
    assert parser._get_schema(instance, None) is instance
