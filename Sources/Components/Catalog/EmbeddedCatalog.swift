// Generated from Schemas/genui.schema.json by `GENUI_UPDATE_BUNDLE=1 swift test --filter CatalogBundleTests`;
// do not edit by hand (a test fails when it drifts from the bundle).
// Embedding the catalog lets an installed `genui` validate trees without the repository beside it.

/// The catalog bundle `Schemas/genui.schema.json`, compiled into the binary.
public enum EmbeddedCatalog {
    /// The bundle's exact text (pretty JSON plus a final newline).
    public static let text: String = #"""
{
  "type": "object",
  "description": "A generated answer: a short text answer plus a dashboard.",
  "properties": {
    "version": {
      "type": "string",
      "enum": [
        "1"
      ],
      "description": "Catalog version; always \"1\"."
    },
    "title": {
      "type": "string",
      "description": "Short title of the answer, a few words."
    },
    "answer": {
      "type": [
        "string",
        "null"
      ],
      "description": "One or two sentences answering the question in words; null when the dashboard says it all."
    },
    "root": {
      "description": "The dashboard that shows the answer.",
      "anyOf": [
        {
          "$ref": "#/$defs/Dashboard"
        }
      ]
    }
  },
  "required": [
    "version",
    "title",
    "answer",
    "root"
  ],
  "additionalProperties": false,
  "$defs": {
    "Node": {
      "description": "Any component except Dashboard; the type property says which.",
      "anyOf": [
        {
          "$ref": "#/$defs/Section"
        },
        {
          "$ref": "#/$defs/Grid"
        },
        {
          "$ref": "#/$defs/Stack"
        },
        {
          "$ref": "#/$defs/Card"
        },
        {
          "$ref": "#/$defs/Tabs"
        },
        {
          "$ref": "#/$defs/Divider"
        },
        {
          "$ref": "#/$defs/Heading"
        },
        {
          "$ref": "#/$defs/Text"
        },
        {
          "$ref": "#/$defs/Markdown"
        },
        {
          "$ref": "#/$defs/Callout"
        },
        {
          "$ref": "#/$defs/FactList"
        },
        {
          "$ref": "#/$defs/TagList"
        },
        {
          "$ref": "#/$defs/Image"
        },
        {
          "$ref": "#/$defs/Sources"
        },
        {
          "$ref": "#/$defs/Suggestions"
        },
        {
          "$ref": "#/$defs/Progress"
        },
        {
          "$ref": "#/$defs/KPI"
        },
        {
          "$ref": "#/$defs/KPIGroup"
        },
        {
          "$ref": "#/$defs/Table"
        },
        {
          "$ref": "#/$defs/Chart"
        }
      ]
    },
    "Dashboard": {
      "type": "object",
      "description": "The root of the answer: a titled page of components.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Dashboard"
          ],
          "description": "Component discriminator; always \"Dashboard\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "title": {
          "type": "string",
          "description": "Dashboard title, a few words."
        },
        "subtitle": {
          "type": [
            "string",
            "null"
          ],
          "description": "One line under the title (scope, filters, period); null for none."
        },
        "asOf": {
          "type": [
            "string",
            "null"
          ],
          "description": "When the data was current, as an ISO-8601 date-time (2024-05-01T09:00:00Z); null if unknown.",
          "format": "date-time"
        },
        "children": {
          "type": "array",
          "description": "Child components, rendered in order.",
          "items": {
            "$ref": "#/$defs/Node"
          }
        }
      },
      "required": [
        "type",
        "id",
        "title",
        "subtitle",
        "asOf",
        "children"
      ],
      "additionalProperties": false
    },
    "Section": {
      "type": "object",
      "description": "A titled group of components.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Section"
          ],
          "description": "Component discriminator; always \"Section\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "title": {
          "type": [
            "string",
            "null"
          ],
          "description": "Section heading; null for an untitled group."
        },
        "description": {
          "type": [
            "string",
            "null"
          ],
          "description": "One sentence under the heading; null for none."
        },
        "children": {
          "type": "array",
          "description": "Child components, rendered in order.",
          "items": {
            "$ref": "#/$defs/Node"
          }
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "title",
        "description",
        "children"
      ],
      "additionalProperties": false
    },
    "Grid": {
      "type": "object",
      "description": "Lays children out on a grid of equal columns; each child takes span columns (12 = full width).",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Grid"
          ],
          "description": "Component discriminator; always \"Grid\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "columns": {
          "type": "integer",
          "description": "Number of grid columns; children's span counts in these columns (12 is usual).",
          "minimum": 1,
          "maximum": 12
        },
        "gap": {
          "type": "string",
          "enum": [
            "sm",
            "md",
            "lg"
          ],
          "description": "Space between children: sm (tight), md (default), lg (airy)."
        },
        "children": {
          "type": "array",
          "description": "Child components, rendered in order.",
          "items": {
            "$ref": "#/$defs/Node"
          }
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "columns",
        "gap",
        "children"
      ],
      "additionalProperties": false
    },
    "Stack": {
      "type": "object",
      "description": "Places children in a row or a column.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Stack"
          ],
          "description": "Component discriminator; always \"Stack\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "direction": {
          "type": "string",
          "enum": [
            "row",
            "column"
          ],
          "description": "row (side by side, wraps on narrow screens) or column (top to bottom)."
        },
        "gap": {
          "type": "string",
          "enum": [
            "sm",
            "md",
            "lg"
          ],
          "description": "Space between children: sm (tight), md (default), lg (airy)."
        },
        "align": {
          "type": "string",
          "enum": [
            "start",
            "center",
            "end",
            "stretch"
          ],
          "description": "Cross-axis alignment of the children."
        },
        "children": {
          "type": "array",
          "description": "Child components, rendered in order.",
          "items": {
            "$ref": "#/$defs/Node"
          }
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "direction",
        "gap",
        "align",
        "children"
      ],
      "additionalProperties": false
    },
    "Card": {
      "type": "object",
      "description": "A bordered panel with an optional header.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Card"
          ],
          "description": "Component discriminator; always \"Card\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "title": {
          "type": [
            "string",
            "null"
          ],
          "description": "Card header; null for none."
        },
        "subtitle": {
          "type": [
            "string",
            "null"
          ],
          "description": "Line under the header; null for none."
        },
        "tone": {
          "description": "Accent colour of the card border; null = neutral.",
          "anyOf": [
            {
              "$ref": "#/$defs/Tone"
            },
            {
              "type": "null"
            }
          ]
        },
        "children": {
          "type": "array",
          "description": "Child components, rendered in order.",
          "items": {
            "$ref": "#/$defs/Node"
          }
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "title",
        "subtitle",
        "tone",
        "children"
      ],
      "additionalProperties": false
    },
    "Tabs": {
      "type": "object",
      "description": "Alternative views, one visible at a time.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Tabs"
          ],
          "description": "Component discriminator; always \"Tabs\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "tabs": {
          "type": "array",
          "description": "The tabs, first one selected.",
          "items": {
            "$ref": "#/$defs/Tab"
          },
          "minItems": 1,
          "maxItems": 8
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "tabs"
      ],
      "additionalProperties": false
    },
    "Divider": {
      "type": "object",
      "description": "A horizontal rule between blocks.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Divider"
          ],
          "description": "Component discriminator; always \"Divider\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "label": {
          "type": [
            "string",
            "null"
          ],
          "description": "Text in the middle of the rule; null for a plain line."
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "label"
      ],
      "additionalProperties": false
    },
    "Heading": {
      "type": "object",
      "description": "A heading line.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Heading"
          ],
          "description": "Component discriminator; always \"Heading\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "text": {
          "type": "string",
          "description": "Heading text."
        },
        "level": {
          "type": "integer",
          "description": "1 (largest) to 4 (smallest); use 2 for sections inside the dashboard.",
          "minimum": 1,
          "maximum": 4
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "text",
        "level"
      ],
      "additionalProperties": false
    },
    "Text": {
      "type": "object",
      "description": "A paragraph of plain text.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Text"
          ],
          "description": "Component discriminator; always \"Text\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "text": {
          "type": "string",
          "description": "Plain text (no markup); newlines separate paragraphs."
        },
        "size": {
          "type": "string",
          "enum": [
            "sm",
            "md",
            "lg"
          ],
          "description": "sm (fine print), md (body), lg (lead paragraph)."
        },
        "tone": {
          "description": "Colour role; null = normal text colour.",
          "anyOf": [
            {
              "$ref": "#/$defs/Tone"
            },
            {
              "type": "null"
            }
          ]
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "text",
        "size",
        "tone"
      ],
      "additionalProperties": false
    },
    "Markdown": {
      "type": "object",
      "description": "Rich text in CommonMark.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Markdown"
          ],
          "description": "Component discriminator; always \"Markdown\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "markdown": {
          "type": "string",
          "description": "CommonMark text: emphasis, lists, tables, code, links (http, https, mailto only). Raw HTML is never rendered."
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "markdown"
      ],
      "additionalProperties": false
    },
    "Callout": {
      "type": "object",
      "description": "A highlighted message box.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Callout"
          ],
          "description": "Component discriminator; always \"Callout\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "tone": {
          "description": "Colour role: info for notes, success for good news, warning for caveats, danger for problems.",
          "anyOf": [
            {
              "$ref": "#/$defs/Tone"
            }
          ]
        },
        "title": {
          "type": [
            "string",
            "null"
          ],
          "description": "Bold first line; null for none."
        },
        "body": {
          "type": "string",
          "description": "The message, plain text, one to three sentences."
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "tone",
        "title",
        "body"
      ],
      "additionalProperties": false
    },
    "FactList": {
      "type": "object",
      "description": "A list of label/value pairs.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "FactList"
          ],
          "description": "Component discriminator; always \"FactList\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "items": {
          "type": "array",
          "description": "The facts, in reading order.",
          "items": {
            "$ref": "#/$defs/Fact"
          },
          "minItems": 1,
          "maxItems": 40
        },
        "columns": {
          "type": "integer",
          "description": "Number of columns the facts flow into (1 to 3).",
          "minimum": 1,
          "maximum": 3
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "items",
        "columns"
      ],
      "additionalProperties": false
    },
    "TagList": {
      "type": "object",
      "description": "A row of small labels.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "TagList"
          ],
          "description": "Component discriminator; always \"TagList\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "items": {
          "type": "array",
          "description": "The tags.",
          "items": {
            "$ref": "#/$defs/Tag"
          },
          "minItems": 1,
          "maxItems": 30
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "items"
      ],
      "additionalProperties": false
    },
    "Image": {
      "type": "object",
      "description": "An image from an https address.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Image"
          ],
          "description": "Component discriminator; always \"Image\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "src": {
          "type": "string",
          "description": "Image address; must start with https://.",
          "pattern": "^https://"
        },
        "alt": {
          "type": "string",
          "description": "Text alternative describing the image for screen readers (required, never empty).",
          "pattern": "\\S"
        },
        "caption": {
          "type": [
            "string",
            "null"
          ],
          "description": "Caption under the image; null for none."
        },
        "aspect": {
          "type": "string",
          "enum": [
            "1:1",
            "4:3",
            "16:9",
            "auto"
          ],
          "description": "Box aspect ratio: 1:1, 4:3, 16:9, or auto (the image's own)."
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "src",
        "alt",
        "caption",
        "aspect"
      ],
      "additionalProperties": false
    },
    "Sources": {
      "type": "object",
      "description": "The list of sources the answer relies on.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Sources"
          ],
          "description": "Component discriminator; always \"Sources\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "items": {
          "type": "array",
          "description": "The sources.",
          "items": {
            "$ref": "#/$defs/Source"
          },
          "minItems": 1,
          "maxItems": 30
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "items"
      ],
      "additionalProperties": false
    },
    "Suggestions": {
      "type": "object",
      "description": "Follow-up questions the user can click.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Suggestions"
          ],
          "description": "Component discriminator; always \"Suggestions\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "items": {
          "type": "array",
          "description": "Two to five suggested next questions.",
          "items": {
            "$ref": "#/$defs/Suggestion"
          },
          "minItems": 1,
          "maxItems": 8
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "items"
      ],
      "additionalProperties": false
    },
    "Progress": {
      "type": "object",
      "description": "A progress bar toward a maximum.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Progress"
          ],
          "description": "Component discriminator; always \"Progress\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "label": {
          "type": "string",
          "description": "What is progressing, e.g. \"Quarterly quota\"."
        },
        "value": {
          "type": "number",
          "description": "Current amount, in the same units as max."
        },
        "max": {
          "type": "number",
          "description": "Amount at 100%; must be > 0."
        },
        "format": {
          "description": "Format of value and max in the label; null = auto.",
          "anyOf": [
            {
              "$ref": "#/$defs/Format"
            },
            {
              "type": "null"
            }
          ]
        },
        "tone": {
          "description": "Bar colour role; null = accent.",
          "anyOf": [
            {
              "$ref": "#/$defs/Tone"
            },
            {
              "type": "null"
            }
          ]
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "label",
        "value",
        "max",
        "format",
        "tone"
      ],
      "additionalProperties": false
    },
    "KPI": {
      "type": "object",
      "description": "A single key number with optional change and trend.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "KPI"
          ],
          "description": "Component discriminator; always \"KPI\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "label": {
          "type": "string",
          "description": "Metric name, e.g. \"Monthly revenue\"."
        },
        "value": {
          "description": "The metric value as a number (a fraction for percent formats: 0.42 for 42%), or a measure GenUI computes from a registered dataset.",
          "anyOf": [
            {
              "type": "number"
            },
            {
              "$ref": "#/$defs/MeasureRef"
            }
          ]
        },
        "format": {
          "description": "How value is displayed.",
          "anyOf": [
            {
              "$ref": "#/$defs/Format"
            }
          ]
        },
        "currency": {
          "type": [
            "string",
            "null"
          ],
          "description": "ISO 4217 code (e.g. \"EUR\") for currency formats; null = USD or not money.",
          "pattern": "^[A-Z]{3}$"
        },
        "unit": {
          "type": [
            "string",
            "null"
          ],
          "description": "Unit shown after the value, e.g. \"ms\" or \"users\"; null for none."
        },
        "delta": {
          "description": "Change against a previous period; null if unknown.",
          "anyOf": [
            {
              "$ref": "#/$defs/KPIDelta"
            },
            {
              "type": "null"
            }
          ]
        },
        "comparison": {
          "description": "A reference value such as a target; null for none.",
          "anyOf": [
            {
              "$ref": "#/$defs/KPIComparison"
            },
            {
              "type": "null"
            }
          ]
        },
        "sparkline": {
          "type": [
            "array",
            "null"
          ],
          "description": "Recent values, oldest first, drawn as a small trend line (5 to 30 points); null for none.",
          "items": {
            "type": "number",
            "description": "One value in the KPI's units."
          },
          "maxItems": 60
        },
        "footnote": {
          "type": [
            "string",
            "null"
          ],
          "description": "Small print under the KPI (definition, period, source); null for none."
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "label",
        "value",
        "format",
        "currency",
        "unit",
        "delta",
        "comparison",
        "sparkline",
        "footnote"
      ],
      "additionalProperties": false
    },
    "KPIGroup": {
      "type": "object",
      "description": "A row of KPIs of equal width.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "KPIGroup"
          ],
          "description": "Component discriminator; always \"KPIGroup\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "items": {
          "type": "array",
          "description": "The KPIs (2 to 8), each a full KPI component.",
          "items": {
            "$ref": "#/$defs/KPI"
          },
          "minItems": 2,
          "maxItems": 8
        },
        "columns": {
          "type": "integer",
          "description": "KPIs per row on wide screens (2 to 6).",
          "minimum": 2,
          "maximum": 6
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "items",
        "columns"
      ],
      "additionalProperties": false
    },
    "Table": {
      "type": "object",
      "description": "A table of rows.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Table"
          ],
          "description": "Component discriminator; always \"Table\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "caption": {
          "type": [
            "string",
            "null"
          ],
          "description": "Caption describing the table; null for none."
        },
        "columns": {
          "type": "array",
          "description": "Column definitions, in display order.",
          "items": {
            "$ref": "#/$defs/TableColumn"
          },
          "minItems": 1,
          "maxItems": 20
        },
        "rows": {
          "description": "Rows; each has exactly one cell per column, in column order, typed as the column says (null for an empty cell). Or a query over a registered dataset, whose columns the column fields name.",
          "anyOf": [
            {
              "type": "array",
              "items": {
                "type": "array",
                "description": "One row.",
                "items": {
                  "anyOf": [
                    {
                      "type": "string"
                    },
                    {
                      "type": "number"
                    },
                    {
                      "type": "boolean"
                    },
                    {
                      "type": "null"
                    }
                  ]
                }
              }
            },
            {
              "$ref": "#/$defs/DataRef"
            }
          ]
        },
        "totals": {
          "type": "array",
          "description": "Footer totals; empty for no footer.",
          "items": {
            "$ref": "#/$defs/TableTotal"
          }
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "caption",
        "columns",
        "rows",
        "totals"
      ],
      "additionalProperties": false
    },
    "Chart": {
      "type": "object",
      "description": "A chart drawn from inline data or from a query over a registered dataset.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Chart"
          ],
          "description": "Component discriminator; always \"Chart\"."
        },
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "span": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Number of the 12 grid columns this node takes when it is a child of a Grid (e.g. 4 for a third, 6 for a half); null takes the full row or when the parent is not a Grid.",
          "minimum": 1,
          "maximum": 12
        },
        "mark": {
          "type": "string",
          "enum": [
            "bar",
            "line",
            "area",
            "point",
            "arc",
            "rect",
            "histogram"
          ],
          "description": "Chart kind. bar: x category + y value (color = series, grouped or stacked); line: x temporal/quantitative/ordinal + y, color splits series; area: like line, stack zero = stacked; point: scatter of quantitative x and y (+ size, color); arc: pie of theta values by color category (innerRadius > 0 = donut); rect: heatmap of x and y categories coloured by a quantitative color; histogram: distribution of quantitative x in bins."
        },
        "title": {
          "type": [
            "string",
            "null"
          ],
          "description": "Chart title; null when a surrounding Card already names it."
        },
        "description": {
          "type": "string",
          "description": "One-sentence takeaway of the chart (e.g. \"Revenue grew 18% in Q3, led by EMEA.\"); read by screen readers.",
          "pattern": "\\S"
        },
        "data": {
          "description": "The data drawn: inline rows, or a query over a registered dataset (preferred when one is available: GenUI computes the rows).",
          "anyOf": [
            {
              "$ref": "#/$defs/ChartData"
            },
            {
              "$ref": "#/$defs/DataRef"
            }
          ]
        },
        "x": {
          "description": "Horizontal channel (categories for vertical bars); null for arc.",
          "anyOf": [
            {
              "$ref": "#/$defs/Encoding"
            },
            {
              "type": "null"
            }
          ]
        },
        "y": {
          "description": "Vertical channel (values for vertical bars; null for histogram, which counts).",
          "anyOf": [
            {
              "$ref": "#/$defs/Encoding"
            },
            {
              "type": "null"
            }
          ]
        },
        "color": {
          "description": "Series or category channel (nominal splits series, quantitative colours heatmap cells); null for one series.",
          "anyOf": [
            {
              "$ref": "#/$defs/Encoding"
            },
            {
              "type": "null"
            }
          ]
        },
        "size": {
          "description": "Point size channel (bubble charts), quantitative; null otherwise.",
          "anyOf": [
            {
              "$ref": "#/$defs/Encoding"
            },
            {
              "type": "null"
            }
          ]
        },
        "theta": {
          "description": "Angle channel for arc (the slice values); null for other marks.",
          "anyOf": [
            {
              "$ref": "#/$defs/Encoding"
            },
            {
              "type": "null"
            }
          ]
        },
        "stack": {
          "type": "string",
          "enum": [
            "none",
            "zero",
            "normalize"
          ],
          "description": "none (grouped/overlapping series), zero (stacked) or normalize (stacked to 100%). Bars and areas only; none for other marks."
        },
        "orientation": {
          "type": "string",
          "enum": [
            "vertical",
            "horizontal"
          ],
          "description": "vertical (default) or horizontal bars (use for long category labels); vertical for other marks."
        },
        "innerRadius": {
          "type": [
            "number",
            "null"
          ],
          "description": "Arc only: hole size as a fraction of the radius, 0 to 0.9 (0.6 = donut); null or 0 = pie.",
          "minimum": 0,
          "maximum": 0.9
        },
        "bins": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Histogram only: number of bins (2 to 100); null = automatic.",
          "minimum": 2,
          "maximum": 100
        },
        "annotations": {
          "type": "array",
          "description": "Reference rules and bands; empty for none.",
          "items": {
            "$ref": "#/$defs/Annotation"
          },
          "maxItems": 10
        },
        "legend": {
          "type": "string",
          "enum": [
            "auto",
            "top",
            "right",
            "bottom",
            "none"
          ],
          "description": "Legend position; auto lets the renderer choose, none hides it."
        },
        "height": {
          "type": "string",
          "enum": [
            "sm",
            "md",
            "lg"
          ],
          "description": "Plot height: sm (~160px), md (~280px), lg (~400px)."
        }
      },
      "required": [
        "type",
        "id",
        "span",
        "mark",
        "title",
        "description",
        "data",
        "x",
        "y",
        "color",
        "size",
        "theta",
        "stack",
        "orientation",
        "innerRadius",
        "bins",
        "annotations",
        "legend",
        "height"
      ],
      "additionalProperties": false
    },
    "Tone": {
      "type": "string",
      "enum": [
        "neutral",
        "info",
        "success",
        "warning",
        "danger",
        "accent"
      ],
      "description": "Semantic colour role: neutral (default grey), info (blue, informational), success (green, good news), warning (amber, needs attention), danger (red, bad news or failure), accent (brand highlight). Never a raw colour."
    },
    "Format": {
      "type": "string",
      "enum": [
        "auto",
        "integer",
        "decimal1",
        "decimal2",
        "percent0",
        "percent1",
        "compact",
        "currency0",
        "currency2",
        "bytes",
        "duration",
        "date",
        "month",
        "year",
        "datetime"
      ],
      "description": "How a value is displayed. auto: let the renderer choose; integer: 1,234; decimal1/decimal2: 1,234.5 / 1,234.56; percent0/percent1: the value is a FRACTION (0.123 shows as 12% / 12.3%), never pass 12.3; compact: 1.2K, 3.4M; currency0/currency2: amount in the node's currency (default USD) with 0 or 2 decimals; bytes: a byte count shown as KB/MB/GB; duration: a number of seconds shown as 1h 5m; date/month/year/datetime: an ISO-8601 string (2024-03-01, 2024-03, 2024, 2024-03-01T12:00:00Z) shown as a date."
    },
    "FieldType": {
      "type": "string",
      "enum": [
        "quantitative",
        "temporal",
        "ordinal",
        "nominal"
      ],
      "description": "Measurement type of a data field: quantitative (numbers you can add or average), temporal (ISO-8601 dates or date-times as strings), ordinal (ordered categories like sizes, ratings or weekdays), nominal (unordered categories like names or regions)."
    },
    "Scale": {
      "type": "object",
      "description": "Scale options for a positional or colour encoding.",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "linear",
            "log"
          ],
          "description": "linear (default) or log. Use log only when every value is > 0 and values span several orders of magnitude."
        },
        "zero": {
          "type": [
            "boolean",
            "null"
          ],
          "description": "Whether the scale must include zero. null = renderer default (true for bars and areas, false for lines and points). Bars must keep zero."
        },
        "domain": {
          "type": [
            "array",
            "null"
          ],
          "description": "Fixed [min, max] of the scale in data units; null to fit the data.",
          "items": {
            "type": "number",
            "description": "A bound of the domain in data units."
          },
          "minItems": 2,
          "maxItems": 2
        }
      },
      "required": [
        "type",
        "zero",
        "domain"
      ],
      "additionalProperties": false
    },
    "Encoding": {
      "type": "object",
      "description": "Maps one data column to a visual channel.",
      "properties": {
        "field": {
          "type": "string",
          "description": "Name of a column in the chart's data.columns."
        },
        "type": {
          "description": "Measurement type of the field; must fit the column (quantitative needs numbers, temporal needs ISO dates).",
          "anyOf": [
            {
              "$ref": "#/$defs/FieldType"
            }
          ]
        },
        "title": {
          "type": [
            "string",
            "null"
          ],
          "description": "Axis or legend title; null uses the column label or name."
        },
        "format": {
          "description": "Tick and tooltip format for this channel; null uses the column format.",
          "anyOf": [
            {
              "$ref": "#/$defs/Format"
            },
            {
              "type": "null"
            }
          ]
        },
        "aggregate": {
          "type": [
            "string",
            "null"
          ],
          "enum": [
            "sum",
            "mean",
            "count",
            "min",
            "max",
            "median",
            null
          ],
          "description": "Aggregate applied to the field when several rows share the other channels' values; null plots rows as given (preferred: pre-aggregate the rows)."
        },
        "scale": {
          "description": "Scale options; null for defaults.",
          "anyOf": [
            {
              "$ref": "#/$defs/Scale"
            },
            {
              "type": "null"
            }
          ]
        }
      },
      "required": [
        "field",
        "type",
        "title",
        "format",
        "aggregate",
        "scale"
      ],
      "additionalProperties": false
    },
    "ChartColumn": {
      "type": "object",
      "description": "One column of inline chart data.",
      "properties": {
        "name": {
          "type": "string",
          "description": "Column name used by encodings' field (short, machine-friendly, e.g. \"revenue\")."
        },
        "type": {
          "description": "What the values are: quantitative numbers, temporal ISO-8601 date strings, ordinal or nominal category strings.",
          "anyOf": [
            {
              "$ref": "#/$defs/FieldType"
            }
          ]
        },
        "label": {
          "type": [
            "string",
            "null"
          ],
          "description": "Human-readable column label with no unit (e.g. \"Revenue\"); null uses the name."
        },
        "format": {
          "description": "Default display format of the values; null = auto.",
          "anyOf": [
            {
              "$ref": "#/$defs/Format"
            },
            {
              "type": "null"
            }
          ]
        },
        "unit": {
          "type": [
            "string",
            "null"
          ],
          "description": "Unit shown after values, e.g. \"ms\", \"kWh\", \"°C\"; null when the format already implies it or there is none."
        }
      },
      "required": [
        "name",
        "type",
        "label",
        "format",
        "unit"
      ],
      "additionalProperties": false
    },
    "ChartData": {
      "type": "object",
      "description": "Inline table of data the chart draws, in long (tidy) form: one row per observation.",
      "properties": {
        "columns": {
          "type": "array",
          "description": "Column definitions, in the order of the values in each row.",
          "items": {
            "$ref": "#/$defs/ChartColumn"
          },
          "minItems": 1,
          "maxItems": 12
        },
        "rows": {
          "type": "array",
          "description": "Data rows; each row has exactly one value per column, in column order. Use null for a missing value (drawn as a gap, not zero).",
          "items": {
            "type": "array",
            "description": "One observation.",
            "items": {
              "anyOf": [
                {
                  "type": "string"
                },
                {
                  "type": "number"
                },
                {
                  "type": "null"
                }
              ]
            }
          }
        }
      },
      "required": [
        "columns",
        "rows"
      ],
      "additionalProperties": false
    },
    "Filter": {
      "type": "object",
      "description": "One condition on a dataset column; a row is kept when every condition holds.",
      "properties": {
        "field": {
          "type": "string",
          "description": "Name of a column of the dataset."
        },
        "op": {
          "type": "string",
          "enum": [
            "eq",
            "ne",
            "lt",
            "lte",
            "gt",
            "gte",
            "in"
          ],
          "description": "Comparison: eq (=), ne (≠), lt (<), lte (≤), gt (>), gte (≥), in (equals one of a list)."
        },
        "value": {
          "description": "The value compared with (a date as an ISO string such as \"2014-06-30\"); for in, a list of values.",
          "anyOf": [
            {
              "type": "string"
            },
            {
              "type": "number"
            },
            {
              "type": "boolean"
            },
            {
              "type": "array",
              "items": {
                "anyOf": [
                  {
                    "type": "string"
                  },
                  {
                    "type": "number"
                  }
                ]
              },
              "maxItems": 20
            }
          ]
        }
      },
      "required": [
        "field",
        "op",
        "value"
      ],
      "additionalProperties": false
    },
    "Sort": {
      "type": "object",
      "description": "Row order of a query result.",
      "properties": {
        "field": {
          "type": "string",
          "description": "Column (or aggregated field) to sort by."
        },
        "order": {
          "type": "string",
          "enum": [
            "asc",
            "desc"
          ],
          "description": "asc: smallest first; desc: largest first."
        }
      },
      "required": [
        "field",
        "order"
      ],
      "additionalProperties": false
    },
    "DataRef": {
      "type": "object",
      "description": "A query over a registered dataset: GenUI computes the rows from the real data, so no number is invented.",
      "properties": {
        "dataset": {
          "type": "string",
          "description": "Name of a registered dataset."
        },
        "filter": {
          "type": "array",
          "description": "Conditions rows must meet; empty for all rows.",
          "items": {
            "$ref": "#/$defs/Filter"
          },
          "maxItems": 8
        },
        "groupBy": {
          "type": "array",
          "description": "Columns to group by (one result row per distinct combination); every other field the component uses is aggregated. Empty to use the rows as they are.",
          "items": {
            "type": "string",
            "description": "Name of a column of the dataset."
          },
          "maxItems": 3
        },
        "aggregate": {
          "type": [
            "string",
            "null"
          ],
          "enum": [
            "sum",
            "mean",
            "count",
            "min",
            "max",
            "median",
            null
          ],
          "description": "How grouped fields are combined (sum, mean, count (rows), min, max or median); null when groupBy is empty."
        },
        "sort": {
          "description": "Order of the result rows; null keeps the dataset order (groups: ascending by group).",
          "anyOf": [
            {
              "$ref": "#/$defs/Sort"
            },
            {
              "type": "null"
            }
          ]
        },
        "limit": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Keep only the first N result rows (after sorting); null for all.",
          "minimum": 1,
          "maximum": 5000
        }
      },
      "required": [
        "dataset",
        "filter",
        "groupBy",
        "aggregate",
        "sort",
        "limit"
      ],
      "additionalProperties": false
    },
    "MeasureRef": {
      "type": "object",
      "description": "One number computed by GenUI from a registered dataset: the aggregate of a column over the rows that meet the filter.",
      "properties": {
        "dataset": {
          "type": "string",
          "description": "Name of a registered dataset."
        },
        "filter": {
          "type": "array",
          "description": "Conditions rows must meet; empty for all rows.",
          "items": {
            "$ref": "#/$defs/Filter"
          },
          "maxItems": 8
        },
        "aggregate": {
          "type": "string",
          "enum": [
            "sum",
            "mean",
            "count",
            "min",
            "max",
            "median"
          ],
          "description": "How the column's values are combined (sum, mean, count (rows), min, max or median)."
        },
        "field": {
          "type": [
            "string",
            "null"
          ],
          "description": "Column aggregated; null for count."
        }
      },
      "required": [
        "dataset",
        "filter",
        "aggregate",
        "field"
      ],
      "additionalProperties": false
    },
    "Annotation": {
      "type": "object",
      "description": "A reference line (rule) or shaded range (band) drawn on the chart.",
      "properties": {
        "kind": {
          "type": "string",
          "enum": [
            "rule",
            "band"
          ],
          "description": "rule: a line at value; band: a shaded range between from and to."
        },
        "axis": {
          "type": "string",
          "enum": [
            "x",
            "y"
          ],
          "description": "Axis the value is on: x (vertical line/band) or y (horizontal line/band)."
        },
        "value": {
          "description": "Position of a rule, in data units of the axis (a number, or an ISO date/category string); null for bands.",
          "anyOf": [
            {
              "type": "number"
            },
            {
              "type": "string"
            },
            {
              "type": "null"
            }
          ]
        },
        "from": {
          "description": "Start of a band in data units of the axis; null for rules.",
          "anyOf": [
            {
              "type": "number"
            },
            {
              "type": "string"
            },
            {
              "type": "null"
            }
          ]
        },
        "to": {
          "description": "End of a band in data units of the axis; null for rules.",
          "anyOf": [
            {
              "type": "number"
            },
            {
              "type": "string"
            },
            {
              "type": "null"
            }
          ]
        },
        "label": {
          "type": [
            "string",
            "null"
          ],
          "description": "Short text drawn next to the annotation, e.g. \"Target\" or \"Outage\"; null for none."
        },
        "tone": {
          "description": "Colour role of the annotation; null = neutral.",
          "anyOf": [
            {
              "$ref": "#/$defs/Tone"
            },
            {
              "type": "null"
            }
          ]
        }
      },
      "required": [
        "kind",
        "axis",
        "value",
        "from",
        "to",
        "label",
        "tone"
      ],
      "additionalProperties": false
    },
    "KPIDelta": {
      "type": "object",
      "description": "Change of the KPI against a previous period.",
      "properties": {
        "value": {
          "type": "number",
          "description": "The change itself: absolute in the KPI's units, percent as a fraction (0.052 = +5.2%), pp in percentage points (1.5 = +1.5 pp). Negative for a decrease."
        },
        "kind": {
          "type": "string",
          "enum": [
            "absolute",
            "percent",
            "pp"
          ],
          "description": "absolute (same units as the value), percent (relative change as a fraction), pp (percentage-point change of a rate)."
        },
        "goodDirection": {
          "type": "string",
          "enum": [
            "up",
            "down",
            "none"
          ],
          "description": "Which direction is good for this metric: up (revenue), down (latency, churn), none (neutral). Drives the green/red colour."
        },
        "label": {
          "type": [
            "string",
            "null"
          ],
          "description": "What the change is measured against, e.g. \"vs last month\"; null for none."
        }
      },
      "required": [
        "value",
        "kind",
        "goodDirection",
        "label"
      ],
      "additionalProperties": false
    },
    "KPIComparison": {
      "type": "object",
      "description": "A reference value shown under the KPI.",
      "properties": {
        "value": {
          "type": "number",
          "description": "The reference value in the same units and format as the KPI value."
        },
        "label": {
          "type": "string",
          "description": "What the reference is, e.g. \"Target\" or \"Last year\"."
        }
      },
      "required": [
        "value",
        "label"
      ],
      "additionalProperties": false
    },
    "TableColumn": {
      "type": "object",
      "description": "One table column.",
      "properties": {
        "field": {
          "type": "string",
          "description": "Machine name of the column (used by totals)."
        },
        "label": {
          "type": "string",
          "description": "Column header text."
        },
        "type": {
          "type": "string",
          "enum": [
            "string",
            "number",
            "integer",
            "date",
            "datetime",
            "boolean"
          ],
          "description": "Type of the cells: string, number, integer, date (ISO date string), datetime (ISO date-time string), boolean."
        },
        "format": {
          "description": "Display format of the cells; null = auto.",
          "anyOf": [
            {
              "$ref": "#/$defs/Format"
            },
            {
              "type": "null"
            }
          ]
        },
        "align": {
          "type": [
            "string",
            "null"
          ],
          "enum": [
            "left",
            "right",
            "center",
            null
          ],
          "description": "Cell alignment; null = right for numbers, left otherwise."
        }
      },
      "required": [
        "field",
        "label",
        "type",
        "format",
        "align"
      ],
      "additionalProperties": false
    },
    "TableTotal": {
      "type": "object",
      "description": "A total shown in the table footer.",
      "properties": {
        "field": {
          "type": "string",
          "description": "field of the column to total."
        },
        "agg": {
          "type": "string",
          "enum": [
            "sum",
            "avg",
            "min",
            "max",
            "count"
          ],
          "description": "Aggregate over all rows: sum, avg, min, max or count (of non-null cells)."
        }
      },
      "required": [
        "field",
        "agg"
      ],
      "additionalProperties": false
    },
    "Fact": {
      "type": "object",
      "description": "One label/value pair.",
      "properties": {
        "label": {
          "type": "string",
          "description": "What the value is, e.g. \"Founded\"."
        },
        "value": {
          "description": "The value: a number (formatted with format) or a short string.",
          "anyOf": [
            {
              "type": "string"
            },
            {
              "type": "number"
            }
          ]
        },
        "format": {
          "description": "Format for a numeric value; null = auto (strings are shown as written).",
          "anyOf": [
            {
              "$ref": "#/$defs/Format"
            },
            {
              "type": "null"
            }
          ]
        },
        "unit": {
          "type": [
            "string",
            "null"
          ],
          "description": "Unit shown after the value, e.g. \"km\"; null for none."
        }
      },
      "required": [
        "label",
        "value",
        "format",
        "unit"
      ],
      "additionalProperties": false
    },
    "Tag": {
      "type": "object",
      "description": "One tag.",
      "properties": {
        "label": {
          "type": "string",
          "description": "Tag text, one to three words."
        },
        "tone": {
          "description": "Colour role; null = neutral.",
          "anyOf": [
            {
              "$ref": "#/$defs/Tone"
            },
            {
              "type": "null"
            }
          ]
        }
      },
      "required": [
        "label",
        "tone"
      ],
      "additionalProperties": false
    },
    "Source": {
      "type": "object",
      "description": "One cited source.",
      "properties": {
        "id": {
          "type": "string",
          "description": "Short identifier of the source, unique in this list, e.g. \"s1\".",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "title": {
          "type": "string",
          "description": "Title of the page or document."
        },
        "url": {
          "type": "string",
          "description": "Address of the source; http or https only.",
          "pattern": "^https?://"
        },
        "publisher": {
          "type": [
            "string",
            "null"
          ],
          "description": "Publisher or site name; null if unknown."
        },
        "date": {
          "type": [
            "string",
            "null"
          ],
          "description": "Publication date as YYYY-MM-DD; null if unknown.",
          "format": "date"
        }
      },
      "required": [
        "id",
        "title",
        "url",
        "publisher",
        "date"
      ],
      "additionalProperties": false
    },
    "Suggestion": {
      "type": "object",
      "description": "One follow-up question.",
      "properties": {
        "label": {
          "type": "string",
          "description": "Short button text, under about 40 characters."
        },
        "prompt": {
          "type": "string",
          "description": "The full message sent as the user's next question when clicked."
        }
      },
      "required": [
        "label",
        "prompt"
      ],
      "additionalProperties": false
    },
    "Tab": {
      "type": "object",
      "description": "One tab and its content.",
      "properties": {
        "id": {
          "type": "string",
          "description": "Stable identifier of this node: lowercase letters, digits and hyphens, starting with a letter, unique in the whole tree (e.g. \"revenue-chart\").",
          "pattern": "^[a-z][a-z0-9-]{0,47}$"
        },
        "label": {
          "type": "string",
          "description": "Tab title, one to three words."
        },
        "children": {
          "type": "array",
          "description": "Components shown when this tab is selected.",
          "items": {
            "$ref": "#/$defs/Node"
          }
        }
      },
      "required": [
        "id",
        "label",
        "children"
      ],
      "additionalProperties": false
    }
  }
}

"""#
}
