// Placeholder until the Alertmanager API lands.
export interface AlertmanagerModel {
  placeholder: true;
}
