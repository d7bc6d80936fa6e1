import type { CredentialState } from '../../../../shared/api/streams';
import type { CredentialDefinition, DestinationTool } from '../../../../shared/destinations';
import { Segmented, TextField, type FieldIssue } from '../../components/ui/Field';
import { useKeychain } from '../../store/keychain';
import { lowerFirst, setCredential, setCredentialEnv, suggestedVariable, useDraft } from './draft';

type KeptIn = 'keychain' | 'env';

/**
 * A secret the tool needs, kept either in the OS keychain (typed here once,
 * never shown again) or in an environment variable the engine reads when it
 * starts (the configuration file's {"env": "NAME"}). When the keychain
 * cannot be reached, the field says so with the real cause as soon as the
 * wizard opens, and offers the variable, instead of failing at Save.
 */
export function CredentialField(props: {
  tool: DestinationTool;
  def: CredentialDefinition;
  stored: CredentialState | undefined;
  issues: FieldIssue[];
}) {
  const { def, stored } = props;
  const typed = useDraft((d) => d.credentials[def.name] ?? '');
  const variable = useDraft((d) => d.credentialEnv[def.name]);
  const keychain = useKeychain((s) => s.status);
  const keptIn: KeptIn = variable === undefined ? 'keychain' : 'env';
  const useEnv = (): void => setCredentialEnv(def.name, suggestedVariable(props.tool, def.name));
  const keychainProblem: FieldIssue[] =
    keptIn === 'keychain' && keychain && !keychain.available
      ? [
          {
            severity: 'error',
            message: keychain.message ?? 'The OS keychain cannot be reached.',
            fix: { label: 'Use an environment variable instead', apply: useEnv },
          },
        ]
      : [];
  const sending = (
    <span className="muted">
      {def.sentAs ? (
        <>
          Sent as <code>{def.sentAs}</code>.{' '}
        </>
      ) : null}
      {def.sending ? `${def.sending} ` : null}
    </span>
  );
  return (
    <div className="credential" data-testid={`credential-${def.name}`}>
      {keptIn === 'keychain' ? (
        <TextField
          label={def.label}
          help={
            <>
              {def.help} {sending}
              {stored?.set ? (
                <strong>
                  Stored in the OS keychain{stored.hint ? ` (${stored.hint})` : ''}. Leave empty to
                  keep it; type a new value to replace it.
                </strong>
              ) : (
                <span>Kept only in the OS keychain, never shown again after saving.</span>
              )}
            </>
          }
          type="password"
          autoComplete="new-password"
          placeholder={stored?.set ? '•••••••• (stored)' : def.placeholder}
          required={!def.optional && !stored?.set}
          value={typed}
          onChange={(value) => setCredential(def.name, value)}
          issues={[...keychainProblem, ...props.issues]}
        />
      ) : (
        <TextField
          label={`${def.label}: environment variable`}
          help={
            <>
              Sluice reads <code>{variable || 'NAME'}</code> from its own environment when it starts
              and keeps the value only in memory: start it with the variable set, for example{' '}
              <code>{variable || 'NAME'}=… sluice serve</code>. The value never reaches this window;
              Test stream reads it now. {sending}
            </>
          }
          required
          value={variable ?? ''}
          placeholder={suggestedVariable(props.tool, def.name)}
          onChange={(value) => setCredentialEnv(def.name, value.trim())}
          issues={props.issues}
        />
      )}
      <Segmented<KeptIn>
        label={`Keep the ${lowerFirst(def.label)} in`}
        value={keptIn}
        options={[
          { value: 'keychain', label: 'OS keychain' },
          { value: 'env', label: 'Environment variable' },
        ]}
        onChange={(v) => (v === 'env' ? useEnv() : setCredentialEnv(def.name, null))}
      />
    </div>
  );
}
