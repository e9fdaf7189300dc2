// Placeholder: the Alertmanager definitions API (receivers, routes, inhibit rules) lands here.
export interface AlertmanagerDefinition {
  readonly kind: 'alertmanager';
}
