/**
 * The constructs' `securityCloud: hub` sugar, shared by both engines: the blueprint with `internet.securityCloudHub`
 * filled in from `hub.connectionFor(localGovernmentCode)`. Not jsii API (internal helper).
 */
import { types } from 'util';
import { bi } from './bilingual';
import { MunicipalNetworkBlueprintProps } from './blueprint';
import { GuardLanguage } from './guard-options';
import { ISecurityCloud } from './security-cloud';
import { BlueprintValidationError } from './validate';
import { isObject, Problems } from './validate-common';

/**
 * The blueprint part of a construct's props (the `securityCloud` prop removed: a construct is no blueprint data), with
 * `internet.securityCloudHub` taken from the hub when `securityCloud` is given. Throws a `BlueprintValidationError` when
 * both are given, or when the hub cannot be asked for the member's connection (no local government code).
 */
export function joinSecurityCloud(
  props: MunicipalNetworkBlueprintProps & { readonly securityCloud?: ISecurityCloud },
): MunicipalNetworkBlueprintProps {
  let securityCloud: ISecurityCloud | undefined;
  let blueprint: MunicipalNetworkBlueprintProps;
  let internet: unknown;
  let language: GuardLanguage;
  try {
    // A Proxy is refused by validation (its reads cannot be trusted): copying it here would hide it (blueprint fuzz, seed
    // 20261215 #965: a transparent Proxy as the whole blueprint was built by both engines while validation refused it).
    if (types.isProxy(props)) return props;
    ({ securityCloud, ...blueprint } = props);
    internet = blueprint.internet;
    if (types.isProxy(internet)) return props;
    language = blueprint.language === GuardLanguage.JAPANESE ? GuardLanguage.JAPANESE : GuardLanguage.ENGLISH;
    // The Internet options copied now, so that nothing is read from the input after this point.
    internet = isObject(internet) ? { ...internet } : internet;
  } catch {
    // A hostile input (a throwing Proxy or getter): validation reports it as the invalid blueprint it is, and reads it safely.
    return props;
  }
  if (securityCloud === undefined) return blueprint;
  const p = new Problems(language);
  if (isObject(internet) && (internet as { securityCloudHub?: unknown }).securityCloudHub !== undefined) {
    p.add('securityCloud', bi('is given with internet.securityCloudHub: the hub is named twice', 'が internet.securityCloudHub と一緒に指定されている: ハブを 2 回指定している'),
      bi('give securityCloud: hub (same app) or internet.securityCloudHub (the hub\'s exported attributes), not both', 'securityCloud: hub（同じアプリ）か internet.securityCloudHub（ハブの属性）のどちらか一方を指定する'));
  }
  const code = blueprint.localGovernmentCode;
  if (!(typeof code === 'string' && /^\d{6}$/.test(code))) {
    p.add('localGovernmentCode', bi(`${code === undefined ? 'is missing' : 'is not six digits'}: securityCloud: hub asks the hub for the member's connection by its local government code (全国地方公共団体コード)`, `${code === undefined ? 'がない' : 'が 6 桁ではない'}: securityCloud: hub は全国地方公共団体コードで構成団体の接続情報をハブに問い合わせる`),
      bi('give localGovernmentCode, the six digits with the check digit', 'localGovernmentCode に検査数字を含む 6 桁を指定する'));
  }
  if (typeof (securityCloud as Partial<ISecurityCloud>)?.connectionFor !== 'function') {
    p.add('securityCloud', bi('is not a security cloud hub (it has no connectionFor)', 'は自治体情報セキュリティクラウドのハブではない（connectionFor がない）'), bi('give the SecurityCloud construct of the same app', '同じアプリの SecurityCloud コンストラクトを指定する'));
  }
  if (p.list.length > 0) throw new BlueprintValidationError(p.list, language);
  const connection = securityCloud.connectionFor(code!);
  return { ...blueprint, internet: { ...(isObject(internet) ? internet : {}), securityCloudHub: connection } };
}
