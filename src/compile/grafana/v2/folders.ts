// The Grafana folders the V2 dashboard resources go in, as `folder.grafana.app/v1` resources: a
// resource names its folder by uid (the `grafana.app/folder` annotation), not by title.
import * as folderv1 from '@grafana/grafana-foundation-sdk/folderv1';
import type * as resource from '@grafana/grafana-foundation-sdk/resource';
import { grafanaFolderOf, type DashboardModel } from '../../../model/dashboard.js';
import { uidFromTitle } from '../../../model/build-dashboards.js';
import { headerLines } from '../../output.js';

export interface FolderResource {
  uid: string;
  title: string;
}

/** Each folder title once, in title order, with a uid from its title (made unique when two titles give the same). */
export function foldersOf(dashboards: readonly DashboardModel[], projectFolder: string): Map<string, FolderResource> {
  const titles = [...new Set(dashboards.map((d) => grafanaFolderOf({ grafana: { folder: projectFolder } }, d)))].sort();
  const used = new Set<string>();
  const folders = new Map<string, FolderResource>();
  for (const title of titles) {
    const base = uidFromTitle(title);
    let uid = base;
    for (let n = 2; used.has(uid); n++) uid = `${base.slice(0, 37)}-${n}`;
    used.add(uid);
    folders.set(title, { uid, title });
  }
  return folders;
}

export function folderResource(folder: FolderResource, entry: string): resource.Manifest {
  return folderv1.manifest(folder.uid, new folderv1.FolderBuilder(folder.title).description(headerLines(entry).join(' '))).build();
}
