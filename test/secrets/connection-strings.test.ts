// Round 22: a password in a connection string (ADO.NET, ODBC, JDBC, Azure's storage and Service Bus
// strings) is a secret wherever a definition or a report carries one: `Server=db;Uid=app;Pwd=…;`
// used to pass (the assignment detector read `Server=`'s value to the end, and the query-parameter
// detector reads only URL queries since round 22). A `;pwd=` with no `key=value;` pair before it is
// no connection string and stays in clear.
import { describe, expect, it } from 'vitest';
import { findSecrets, redactSecrets } from '../../src/secrets/detect.js';
import { expectHiddenEverywhere } from '../helpers/secrets.js';

/** [name, text, the secret value]. */
const CONNECTION_STRINGS: Array<[string, string, string]> = [
  ['ADO.NET, Pwd', 'Server=db;Database=shop;Uid=app;Pwd=hunter2x;', 'hunter2x'],
  ['ADO.NET, Password', 'Server=db;Uid=app;Password=hunter22;', 'hunter22'],
  ['ADO.NET, spaced keys', 'Data Source=db;User ID=app;Pwd=Zq8mTop;', 'Zq8mTop'],
  ['ODBC, upper case', 'DRIVER={ODBC Driver 18};SERVER=db;UID=app;PWD=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['JDBC', 'jdbc:sqlserver://db:1433;user=app;password=S3cretPass', 'S3cretPass'],
  ['in a quoted YAML value', 'dsn: "Server=db;Pwd=Zq8mTopSecret"', 'Zq8mTopSecret'],
  ['Azure storage', 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc123+/Zz==;EndpointSuffix=core.windows.net', 'abc123+/Zz=='],
  ['Azure Service Bus', 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=Zk3jd93kd0+/=', 'Zk3jd93kd0+/='],
  ['spaces around =', 'Server = db; Password = Zq8mTopSecret;', 'Zq8mTopSecret'],
];

const IN_CLEAR: Array<[string, string]> = [
  ['one pair after a word (no connection string)', 'x;pwd=Zq9xk2wAbc'],
  ['a PromQL string', 'label_replace(up, "dst", "x;pwd=abcdef123456", "", "")'],
  ['a PromQL matcher value', 'sum by (job) (rate(x{a="b;pwd=c"}[5m]))'],
  ['pairs without a secret', 'a=1;b=2;SharedAccessKeyName=Root'],
  ['an environment placeholder', 'Server=db;Password=${DB_PASSWORD};'],
  ['a placeholder', 'Server=db;Password=<password>;'],
];

describe('passwords in connection strings', () => {
  it.each(CONNECTION_STRINGS)('%s: found, and no redaction or finding echoes it', (_name, text, value) => {
    const found = findSecrets(text);
    expect(found.map((m) => m.what)).toContain('password in a connection string');
    expectHiddenEverywhere(text, value);
    // The rest of the string is kept: the reader still sees which server.
    expect(redactSecrets(text)).toContain(text.slice(0, 6));
  });

  it.each(IN_CLEAR)('%s: in clear', (_name, text) => {
    expect(findSecrets(text).filter((m) => m.what === 'password in a connection string')).toEqual([]);
    expect(redactSecrets(text)).toBe(text);
  });
});
