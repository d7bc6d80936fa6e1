/**
 * HEC answers with JSON {"text": "...", "code": N}. The status decides the
 * class (see http/classify.ts); the code refines the advice, because the same
 * 400 means "fix the index setting" (7) or "turn off indexer acknowledgement"
 * (10) or "this batch is malformed" (6).
 * Codes: https://help.splunk.com/en/splunk-enterprise/get-data-in/collect-http-event-data/troubleshoot-http-event-collector
 */
export interface HecReply {
  code: number | null;
  text: string | null;
  invalidEventNumber: number | null;
}

export function parseHecReply(text: string | null): HecReply {
  const none = { code: null, text: null, invalidEventNumber: null };
  if (text === null) return none;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (typeof v !== 'object' || v === null) return none;
    return {
      code: typeof v.code === 'number' ? v.code : null,
      text: typeof v.text === 'string' ? v.text : null,
      invalidEventNumber:
        typeof v['invalid-event-number'] === 'number' ? v['invalid-event-number'] : null,
    };
  } catch {
    return none;
  }
}

export interface HecAdvice {
  advice: string;
  /** Configuration problems that every batch would hit. */
  stopSending: boolean;
}

export function hecAdvice(code: number | null): HecAdvice | null {
  switch (code) {
    case 1:
      return {
        advice:
          'The HEC token is disabled: enable it under Settings > Data inputs > HTTP Event Collector.',
        stopSending: true,
      };
    case 2:
    case 3:
      return {
        advice:
          'Splunk did not find the token in the request: check the token is set for this stream.',
        stopSending: true,
      };
    case 4:
      return {
        advice: 'Splunk does not know this token: copy the Token Value of the HEC input again.',
        stopSending: true,
      };
    case 7:
      return {
        advice:
          "The index is not one this token may write to: add it to the token's allowed indexes, or change or clear the stream's index.",
        stopSending: true,
      };
    case 10:
    case 11:
    case 14:
      return {
        advice:
          "Indexer acknowledgement is on for this token, which needs a channel per client. Turn it off for the token Sluice uses (Sluice confirms delivery by HEC's answer).",
        stopSending: true,
      };
    case 6:
    case 12:
    case 13:
    case 15:
      return {
        advice:
          "Splunk could not read an event of this batch; it is kept as a dead letter with Splunk's answer.",
        stopSending: false,
      };
    case 9:
    case 18:
    case 19:
    case 20:
      return {
        advice:
          "Splunk's indexers are busy or their queues are full. Sluice waits and sends the batch again.",
        stopSending: false,
      };
    case 16:
      return {
        advice:
          "This Splunk expects the token in the query string; Sluice sends it in the Authorization header, which HEC accepts by default. Check the input's settings.",
        stopSending: true,
      };
    default:
      return null;
  }
}
