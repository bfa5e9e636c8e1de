#!/usr/bin/env python3
"""Calls GenUI's /v1/chat/completions with the official `openai` Python SDK (pinned in
scripts/setup-test-venv.sh) and reports what came back, for ServeCommandTests to validate.

Three calls with one strict json_schema: non-streaming `create`, streaming `create`, and the SDK's
typed `parse` helper with a pydantic model. Prints one JSON object:
  {"sdk": version, "content": str, "streamed": str, "finish_reasons": [...], "parsed": {...}}
Usage: openai_sdk_check.py BASE_URL (e.g. http://127.0.0.1:8080/v1)
"""
import json
import sys

import openai
import pydantic
from openai import OpenAI

SCHEMA = {
    "type": "object",
    "properties": {
        "city": {"type": "string", "maxLength": 40},
        "country": {"type": "string", "maxLength": 40},
        "population": {"type": "integer", "minimum": 0},
    },
    "required": ["city", "country", "population"],
    "additionalProperties": False,
}


class City(pydantic.BaseModel):
    city: str
    country: str
    population: int


def main(base_url):
    client = OpenAI(base_url=base_url, api_key="not-needed", timeout=600, max_retries=0)
    messages = [{"role": "system", "content": "You answer with JSON."},
                {"role": "user", "content": "Describe the largest city of Portugal."}]
    response_format = {"type": "json_schema", "json_schema": {"name": "city", "strict": True, "schema": SCHEMA}}
    first = client.chat.completions.create(model="default", messages=messages, response_format=response_format,
                                           max_tokens=200, temperature=0.5, seed=1)
    streamed, finishes = "", [first.choices[0].finish_reason]
    for chunk in client.chat.completions.create(model="default", messages=messages, response_format=response_format,
                                                max_tokens=200, temperature=0.5, seed=2, stream=True):
        if chunk.choices:
            streamed += chunk.choices[0].delta.content or ""
            if chunk.choices[0].finish_reason:
                finishes.append(chunk.choices[0].finish_reason)
    parse = getattr(client.chat.completions, "parse", None) or client.beta.chat.completions.parse
    parsed = parse(model="default", messages=messages, response_format=City, max_tokens=200, temperature=0.5, seed=3)
    city = parsed.choices[0].message.parsed
    finishes.append(parsed.choices[0].finish_reason)
    print(json.dumps({"sdk": openai.__version__, "content": first.choices[0].message.content, "streamed": streamed,
                      "finish_reasons": finishes, "parsed": city.model_dump() if city else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
