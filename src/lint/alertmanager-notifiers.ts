import type { AlertmanagerModel, NotifierKind, NotifierModel, ReceiverModel } from '../model/alertmanager.js';
import type { Located } from '../model/types.js';
import { locatedAt } from '../model/located.js';

/** Where one notifier config is, for the findings about its fields. */
export interface NotifierPlace {
  receiver: ReceiverModel;
  /** The config in the receiver: `slack[0]`. */
  item: string;
  /** How a message names a field: `receiver team: slack[0].channel`. */
  where(field: string): string;
  /** Where a finding about a field points (the property, inside the receiver's definition). */
  at(field: string): Located;
}

/** Each config of one kind of notifier (`slack`, `webhook`, …), in every receiver, with its place. */
export function eachNotifier<K extends NotifierKind>(
  am: AlertmanagerModel,
  kind: K,
  visit: (config: NotifierModel<K>, place: NotifierPlace) => void,
): void {
  for (const receiver of am.receivers) {
    (receiver[kind] as NotifierModel<K>[]).forEach((config, i) => {
      const item = `${kind}[${i}]`;
      visit(config, {
        receiver,
        item,
        where: (field) => `receiver ${receiver.name}: ${item}.${field}`,
        at: (field) => locatedAt(receiver, item, field),
      });
    });
  }
}
