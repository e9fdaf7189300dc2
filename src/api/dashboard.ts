// Placeholder: the dashboards API lands here.
export interface Dashboard {
  readonly kind: 'dashboard';
  readonly title: string;
}
