import FaceGuard

/// The OpenAPI 3 description of the API served at `/openapi.json`, built from the same
/// ``PhotoEndpoint`` and ``FaceGuard/Setting`` definitions that read requests, so it lists exactly
/// the fields, types, ranges and defaults the server accepts.
enum OpenAPIDocument {
  /// The document for a server whose requests default to `defaultThreshold`.
  static func make(defaultThreshold: Double) -> JSONValue {
    [
      "openapi": "3.0.3",
      "info": [
        "title": "FaceGuard API",
        "version": "1.0.0",
        "description": .string(
          "Find and hide faces in photos, offline. Photos are processed in memory only and never "
            + "stored. When the server was started with a token, every /api call needs "
            + "`Authorization: Bearer <token>`."),
      ],
      "servers": [["url": "/"]],
      "security": [[:], ["bearer": []]],
      "paths": .object(
        PhotoEndpoint.allCases.map { ($0.path, ["post": operation($0, defaultThreshold)]) } + [
          ("/healthz", ["get": health]),
          ("/metrics", ["get": metrics]),
        ]),
      "components": [
        "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
        "schemas": [
          "Error": object(
            required: ["error"],
            ["error": ["type": "string", "description": "What went wrong, in a sentence."]]),
          "Face": object(
            required: ["x", "y", "w", "h", "score"],
            [
              "x": ["type": "number"], "y": ["type": "number"], "w": ["type": "number"],
              "h": ["type": "number"], "score": ["type": "number"],
            ]),
          "Detection": object(
            required: ["width", "height", "faces"],
            [
              "width": ["type": "integer"], "height": ["type": "integer"],
              "faces": ["type": "array", "items": ["$ref": "#/components/schemas/Face"]],
            ]),
        ],
      ],
    ]
  }

  /// A photo endpoint: its fields as query parameters and form fields, its answers.
  private static func operation(_ endpoint: PhotoEndpoint, _ defaultThreshold: Double)
    -> JSONValue
  {
    var fields = endpoint.settings.map { setting in
      (setting.apiName, schema(setting, defaultThreshold: defaultThreshold), fieldHelp(setting))
    }
    if endpoint.readsBoxes {
      fields.append(
        (
          "boxes", ["type": "string", "example": #"[{"x":10,"y":20,"w":50,"h":60}]"#],
          "JSON array of {x,y,w,h} regions (pixels of the upright image) to hide instead of "
            + "detecting faces."
        ))
      for (name, what) in zip(
        PhotoRequest.reviewFields,
        ["regions a person added to the detected faces", "detected faces a person chose to show"])
      {
        fields.append(
          (
            name, ["type": "integer", "minimum": .integer(0)],
            "With boxes: how many \(what). Recorded in the server's audit log only."
          ))
      }
    }
    let parameters = fields.map { name, schema, help -> JSONValue in
      [
        "name": .string(name), "in": "query", "required": false, "schema": schema,
        "description": .string(help),
      ]
    }
    let formFields: [(String, JSONValue)] =
      [("file", ["type": "string", "format": "binary", "description": "The photo."])]
      + fields.map { name, schema, help in (name, schema.adding("description", .string(help))) }
    let binary: JSONValue = ["schema": ["type": "string", "format": "binary"]]
    let uploads: [(String, JSONValue)] =
      ["image/jpeg", "image/png", "image/webp", "image/heic", "application/octet-stream"].map {
        ($0, binary)
      } + [
        ("multipart/form-data", ["schema": object(required: ["file"], .object(formFields))])
      ]
    let answer: (String, JSONValue)
    switch endpoint {
    case .detect:
      answer = (
        "The faces.",
        ["application/json": ["schema": ["$ref": "#/components/schemas/Detection"]]]
      )
    case .anonymize:
      answer = (
        "The anonymized image.",
        .object(["image/jpeg", "image/png", "image/webp"].map { ($0, binary) })
      )
    }
    return [
      "operationId": .string(endpoint == .detect ? "detect" : "anonymize"),
      "summary": .string(summary(endpoint)),
      "description": .string(description(endpoint)),
      "parameters": .array(parameters),
      "requestBody": [
        "required": true,
        "description": .string(
          "The photo: raw bytes, or multipart/form-data with a `file` part; options may also be "
            + "form fields (form fields win over the query)."),
        "content": .object(uploads),
      ],
      "responses": .object(
        [
          (
            "200",
            ["description": .string(answer.0), "headers": timingHeaders, "content": answer.1]
          )
        ]
          + errorAnswers),
    ]
  }

  private static func summary(_ endpoint: PhotoEndpoint) -> String {
    switch endpoint {
    case .detect: "Find the faces in a photo"
    case .anonymize: "Hide the faces in a photo"
    }
  }

  private static func description(_ endpoint: PhotoEndpoint) -> String {
    switch endpoint {
    case .detect:
      "Returns the upright image size and the face boxes (pixels of the upright image, EXIF "
        + "orientation applied) whose confidence reaches `threshold`, best first."
    case .anonymize:
      "Detects faces (or takes the given `boxes`) and returns the photo with them hidden, in the "
        + "input's format unless `format` is given. Metadata is stripped except the ICC profile "
        + "unless keep_metadata is true."
    }
  }

  /// The help of a setting as the API documents it.
  private static func fieldHelp(_ setting: Setting) -> String {
    switch setting {
    case .mode: "How faces are hidden: blur (the radius grows with the face), pixelate or solid."
    case .threshold: setting.help + " Ignored when boxes are given."
    default: setting.help
    }
  }

  /// The JSON schema of a setting's values, with the server's default.
  private static func schema(_ setting: Setting, defaultThreshold: Double) -> JSONValue {
    var members: [(String, JSONValue)]
    switch PhotoEndpoint.values(of: setting) {
    case .choice(let words):
      members = [("type", "string"), ("enum", .array(words.map { .string($0) }))]
    case .number(let range):
      members = [("type", "number"), ("minimum", .number(range.lowerBound))]
      if range.upperBound.isFinite { members.append(("maximum", .number(range.upperBound))) }
    case .wholeNumber(let range):
      members = [("type", "integer"), ("minimum", .integer(range.lowerBound))]
      if range.upperBound < Int.max { members.append(("maximum", .integer(range.upperBound))) }
    case .color:
      members = [("type", "string"), ("pattern", "^#?[0-9a-fA-F]{6}$")]
    case .flag:
      members = [("type", "boolean")]
    case .text(let maximumLength):
      members = [
        ("type", "string"), ("minLength", .integer(1)), ("maxLength", .integer(maximumLength)),
        ("pattern", "^[ -~]+$"),
      ]
    }
    if let value = defaultValue(of: setting, defaultThreshold: defaultThreshold) {
      members.append(("default", value))
    }
    return .object(members)
  }

  /// The value a request that does not give `setting` gets; `nil` when it depends on the photo.
  private static func defaultValue(of setting: Setting, defaultThreshold: Double) -> JSONValue? {
    let defaults = PhotoSettings()
    switch setting {
    case .mode: return .string(defaults.mode.rawValue)
    case .shape: return .string(defaults.shape.rawValue)
    case .color: return .string(defaults.color.hex)
    case .strength: return .number(defaults.strength)
    case .blocks: return .integer(defaults.blocks)
    case .maskScale: return .number(defaults.maskScale)
    case .feather: return .number(defaults.feather)
    case .drawBoxes: return .bool(defaults.drawBoxes)
    case .keepMetadata: return .bool(defaults.keepMetadata)
    case .watermarkCorner: return .string(defaults.watermarkCorner.rawValue)
    case .threshold: return .number(defaultThreshold)
    default: return nil
    }
  }

  /// An object schema.
  private static func object(required: [String], _ properties: JSONValue) -> JSONValue {
    [
      "type": "object", "required": .array(required.map { .string($0) }),
      "properties": properties,
    ]
  }

  /// The headers of every successful photo answer.
  private static let timingHeaders: JSONValue = .object(
    ["Decode", "Detect", "Redact", "Encode", "Total"].map { stage in
      (
        "X-Timing-\(stage)-Ms",
        [
          "schema": ["type": "number"],
          "description": .string("Milliseconds spent in the \(stage.lowercased()) stage."),
        ]
      )
    } + [
      (
        "X-Faces",
        ["schema": ["type": "integer"], "description": "Faces hidden (or found, for detect)."]
      )
    ])

  /// The error answers of every photo endpoint.
  private static let errorAnswers: [(String, JSONValue)] = [
    ("400", "Bad request: an option is invalid, the form is malformed or the body is empty."),
    (
      "401",
      "The server has a token and the request did not present it (Authorization: Bearer <token>)."
    ),
    (
      "413",
      "The upload is larger than the server's limit (default 50 MB), or the photo alone needs "
        + "more working memory than the server's memory budget."
    ),
    (
      "415",
      "The content type is not accepted, or the bytes are not a JPEG, PNG, WebP or HEIC image."
    ),
    (
      "422",
      "The image is damaged, cut off, unsupported or has more pixels than the server's limit."
    ),
    (
      "503",
      "Every job slot or the memory budget is taken, or processing took longer than the time "
        + "limit; retry after Retry-After seconds."
    ),
  ].map { status, text in
    var answer: [(String, JSONValue)] = [
      ("description", .string(text)),
      ("content", ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]),
    ]
    if status == "503" {
      answer.append(
        (
          "headers",
          [
            "Retry-After": [
              "schema": ["type": "integer"], "description": "Seconds to wait before retrying.",
            ]
          ]
        ))
    }
    return (status, .object(answer))
  }

  private static let health: JSONValue = [
    "operationId": "health", "summary": "Liveness check", "security": [[:]],
    "responses": [
      "200": [
        "description": "The server is up.",
        "content": [
          "application/json": [
            "schema": object(required: ["status"], ["status": ["type": "string", "enum": ["ok"]]])
          ]
        ],
      ]
    ],
  ]

  private static let metrics: JSONValue = [
    "operationId": "metrics", "summary": "Prometheus metrics", "security": [[:]],
    "description": .string(
      "Request counts by method, route and status (faceguard_http_requests_total), a latency "
        + "histogram (faceguard_http_request_duration_seconds), faceguard_images_processed_total, "
        + "faceguard_faces_total and faceguard_jobs_rejected_total."),
    "responses": [
      "200": [
        "description": "Prometheus text exposition format 0.0.4.",
        "content": ["text/plain": ["schema": ["type": "string"]]],
      ]
    ],
  ]
}

extension JSONValue {
  /// The object with one more member (other values are returned unchanged).
  func adding(_ key: String, _ value: JSONValue) -> JSONValue {
    guard case .object(let members) = self else { return self }
    return .object(members + [(key, value)])
  }
}
