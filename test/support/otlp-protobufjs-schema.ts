import protobuf from 'protobufjs/light';

/**
 * The OTLP logs v1 protobuf schema (opentelemetry-proto: common/v1,
 * resource/v1, logs/v1, collector/logs/v1), written out as a protobufjs JSON
 * descriptor so it needs neither .proto files at run time nor a parser.
 *
 * It is the reference the hand-written codec (src/shared/otlp: encode.ts,
 * decode.ts) is checked against; only tests use it, so it lives here. The
 * codec does not use protobufjs reflection at run time because reflection
 * compiles code with `new Function`, which a renderer under a strict
 * Content-Security-Policy refuses, and because its 64-bit handling needs Long
 * objects (a bigint in a fixed64 field is silently encoded as 0). Deprecated
 * and reserved fields are omitted.
 */
export const otlpLogsSchema = {
  nested: {
    opentelemetry: {
      nested: {
        proto: {
          nested: {
            common: {
              nested: {
                v1: {
                  nested: {
                    AnyValue: {
                      oneofs: {
                        value: {
                          oneof: [
                            'stringValue',
                            'boolValue',
                            'intValue',
                            'doubleValue',
                            'arrayValue',
                            'kvlistValue',
                            'bytesValue',
                          ],
                        },
                      },
                      fields: {
                        stringValue: { type: 'string', id: 1 },
                        boolValue: { type: 'bool', id: 2 },
                        intValue: { type: 'int64', id: 3 },
                        doubleValue: { type: 'double', id: 4 },
                        arrayValue: { type: 'ArrayValue', id: 5 },
                        kvlistValue: { type: 'KeyValueList', id: 6 },
                        bytesValue: { type: 'bytes', id: 7 },
                      },
                    },
                    ArrayValue: {
                      fields: { values: { rule: 'repeated', type: 'AnyValue', id: 1 } },
                    },
                    KeyValueList: {
                      fields: { values: { rule: 'repeated', type: 'KeyValue', id: 1 } },
                    },
                    KeyValue: {
                      fields: {
                        key: { type: 'string', id: 1 },
                        value: { type: 'AnyValue', id: 2 },
                      },
                    },
                    InstrumentationScope: {
                      fields: {
                        name: { type: 'string', id: 1 },
                        version: { type: 'string', id: 2 },
                        attributes: { rule: 'repeated', type: 'KeyValue', id: 3 },
                        droppedAttributesCount: { type: 'uint32', id: 4 },
                      },
                    },
                  },
                },
              },
            },
            resource: {
              nested: {
                v1: {
                  nested: {
                    Resource: {
                      fields: {
                        attributes: {
                          rule: 'repeated',
                          type: 'opentelemetry.proto.common.v1.KeyValue',
                          id: 1,
                        },
                        droppedAttributesCount: { type: 'uint32', id: 2 },
                      },
                    },
                  },
                },
              },
            },
            logs: {
              nested: {
                v1: {
                  nested: {
                    LogsData: {
                      fields: { resourceLogs: { rule: 'repeated', type: 'ResourceLogs', id: 1 } },
                    },
                    ResourceLogs: {
                      fields: {
                        resource: { type: 'opentelemetry.proto.resource.v1.Resource', id: 1 },
                        scopeLogs: { rule: 'repeated', type: 'ScopeLogs', id: 2 },
                        schemaUrl: { type: 'string', id: 3 },
                      },
                    },
                    ScopeLogs: {
                      fields: {
                        scope: {
                          type: 'opentelemetry.proto.common.v1.InstrumentationScope',
                          id: 1,
                        },
                        logRecords: { rule: 'repeated', type: 'LogRecord', id: 2 },
                        schemaUrl: { type: 'string', id: 3 },
                      },
                    },
                    SeverityNumber: {
                      values: {
                        SEVERITY_NUMBER_UNSPECIFIED: 0,
                        SEVERITY_NUMBER_TRACE: 1,
                        SEVERITY_NUMBER_TRACE2: 2,
                        SEVERITY_NUMBER_TRACE3: 3,
                        SEVERITY_NUMBER_TRACE4: 4,
                        SEVERITY_NUMBER_DEBUG: 5,
                        SEVERITY_NUMBER_DEBUG2: 6,
                        SEVERITY_NUMBER_DEBUG3: 7,
                        SEVERITY_NUMBER_DEBUG4: 8,
                        SEVERITY_NUMBER_INFO: 9,
                        SEVERITY_NUMBER_INFO2: 10,
                        SEVERITY_NUMBER_INFO3: 11,
                        SEVERITY_NUMBER_INFO4: 12,
                        SEVERITY_NUMBER_WARN: 13,
                        SEVERITY_NUMBER_WARN2: 14,
                        SEVERITY_NUMBER_WARN3: 15,
                        SEVERITY_NUMBER_WARN4: 16,
                        SEVERITY_NUMBER_ERROR: 17,
                        SEVERITY_NUMBER_ERROR2: 18,
                        SEVERITY_NUMBER_ERROR3: 19,
                        SEVERITY_NUMBER_ERROR4: 20,
                        SEVERITY_NUMBER_FATAL: 21,
                        SEVERITY_NUMBER_FATAL2: 22,
                        SEVERITY_NUMBER_FATAL3: 23,
                        SEVERITY_NUMBER_FATAL4: 24,
                      },
                    },
                    LogRecordFlags: {
                      values: {
                        LOG_RECORD_FLAGS_DO_NOT_USE: 0,
                        LOG_RECORD_FLAGS_TRACE_FLAGS_MASK: 255,
                      },
                    },
                    LogRecord: {
                      fields: {
                        timeUnixNano: { type: 'fixed64', id: 1 },
                        observedTimeUnixNano: { type: 'fixed64', id: 11 },
                        severityNumber: { type: 'SeverityNumber', id: 2 },
                        severityText: { type: 'string', id: 3 },
                        body: { type: 'opentelemetry.proto.common.v1.AnyValue', id: 5 },
                        attributes: {
                          rule: 'repeated',
                          type: 'opentelemetry.proto.common.v1.KeyValue',
                          id: 6,
                        },
                        droppedAttributesCount: { type: 'uint32', id: 7 },
                        flags: { type: 'fixed32', id: 8 },
                        traceId: { type: 'bytes', id: 9 },
                        spanId: { type: 'bytes', id: 10 },
                        eventName: { type: 'string', id: 12 },
                      },
                      reserved: [[4, 4]],
                    },
                  },
                },
              },
            },
            collector: {
              nested: {
                logs: {
                  nested: {
                    v1: {
                      nested: {
                        ExportLogsServiceRequest: {
                          fields: {
                            resourceLogs: {
                              rule: 'repeated',
                              type: 'opentelemetry.proto.logs.v1.ResourceLogs',
                              id: 1,
                            },
                          },
                        },
                        ExportLogsServiceResponse: {
                          fields: { partialSuccess: { type: 'ExportLogsPartialSuccess', id: 1 } },
                        },
                        ExportLogsPartialSuccess: {
                          fields: {
                            rejectedLogRecords: { type: 'int64', id: 1 },
                            errorMessage: { type: 'string', id: 2 },
                          },
                        },
                        LogsService: {
                          methods: {
                            Export: {
                              requestType: 'ExportLogsServiceRequest',
                              responseType: 'ExportLogsServiceResponse',
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** Fully qualified names of the message types, for `root.lookupType`. */
export const OtlpTypeNames = {
  AnyValue: 'opentelemetry.proto.common.v1.AnyValue',
  KeyValue: 'opentelemetry.proto.common.v1.KeyValue',
  InstrumentationScope: 'opentelemetry.proto.common.v1.InstrumentationScope',
  Resource: 'opentelemetry.proto.resource.v1.Resource',
  LogRecord: 'opentelemetry.proto.logs.v1.LogRecord',
  ScopeLogs: 'opentelemetry.proto.logs.v1.ScopeLogs',
  ResourceLogs: 'opentelemetry.proto.logs.v1.ResourceLogs',
  ExportLogsServiceRequest: 'opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest',
  ExportLogsServiceResponse: 'opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse',
} as const;

let root: protobuf.Root | undefined;

/**
 * The schema as a protobufjs Root (built once). Encoding or decoding with it
 * uses protobufjs reflection: fine in Node and tests; see the note above
 * before using it in the renderer.
 */
export function otlpProtobufRoot(): protobuf.Root {
  root ??= protobuf.Root.fromJSON(otlpLogsSchema as unknown as protobuf.INamespace);
  return root;
}
