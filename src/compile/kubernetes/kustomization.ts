import { headerLines, yamlFile, type OutputFile } from '../output.js';

export const KUSTOMIZATION = 'kustomization.yaml';

/**
 * `<folder>/kustomization.yaml`: every resource the profile generated, by path relative to it, in
 * path order, so that `kubectl apply -k out/<profile>` applies exactly what was generated.
 */
export function kustomization(folder: string, files: readonly OutputFile[], source: string): OutputFile {
  const resources = files.map((f) => f.path.slice(folder.length + 1)).sort();
  return yamlFile(
    `${folder}/${KUSTOMIZATION}`,
    { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources },
    headerLines(source, 'every resource generated in this folder'),
  );
}
