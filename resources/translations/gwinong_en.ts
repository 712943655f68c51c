<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ko">
<context>
    <name>AnnualPlanDialog</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="38"/>
        <source>{year}년 연간계획</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="45"/>
        <source>연도</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="49"/>
        <source>세부사업명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="52"/>
        <source>회계명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="57"/>
        <source>사업량(개소)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="62"/>
        <source>년간진도 계획(%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="67"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="73"/>
        <source>(천원)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="78"/>
        <source>계(천원)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="81"/>
        <source>사업</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="81"/>
        <source>사업비 (천원)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/plan_dialog.py" line="93"/>
        <source>금액을 읽을 수 없는 칸이 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnnualPlansDialog</name>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="48"/>
        <source>연간계획과 집행실적</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="60"/>
        <source>계획 입력·수정…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="63"/>
        <source>새 연도 계획…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="67"/>
        <source>집행실적 기준일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="74"/>
        <source>단위: 천원. 집행실적은 기준일까지의 누계로, 국비·도비·군비는 원인행위액, 자부담은 실제 집행액입니다(별지 제5호 작성요령 1). 집행 사업량은 준공한 곳의 수입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="90"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="119"/>
        <source>계획</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="119"/>
        <source>집행(누계)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="124"/>
        <source>계획 없음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="155"/>
        <source>&lt;b&gt;{year}년&lt;/b&gt; {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="156"/>
        <source>조성사업 {n}건 · 착공일 {start} · 준공예정일 {end} · 사업공정 {pct}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="164"/>
        <source>부진원인: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="166"/>
        <source>비고: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="180"/>
        <source>새 연도 계획</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/plans_view.py" line="180"/>
        <source>몇 년 계획인가요?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="102"/>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="327"/>
        <source>백업</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="106"/>
        <source>지금 백업</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="108"/>
        <source>백업 폴더 열기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="113"/>
        <source>마지막 백업</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="117"/>
        <source> 일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="120"/>
        <source> 개월</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="122"/>
        <source>날마다 마지막 백업</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="125"/>
        <source>달마다 마지막 백업</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="133"/>
        <source>자동 백업(종료할 때, 하루 한 번)만 이 수에 맞춰 정리합니다. 직접 만든 백업과 복원 직전 백업은 지우지 않습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="141"/>
        <source>보관</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="146"/>
        <source>선택…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="147"/>
        <source>지우기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="152"/>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="262"/>
        <source>두 번째 백업 폴더</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="154"/>
        <source>백업에서 복원…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="164"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="215"/>
        <source>아직 없습니다</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="223"/>
        <source>없음 (USB 메모리 등)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="297"/>
        <source>작업을 마치지 못했습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="298"/>
        <source>데이터 보호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="302"/>
        <source>취소했습니다. 데이터는 그대로입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="307"/>
        <source>백업하는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="315"/>
        <source>백업했습니다 (검사 완료): {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="322"/>
        <source>파일이 없는 사진·첨부서류 {n}건은 백업에 담지 못했습니다. &apos;데이터 점검&apos;으로 어느 기록인지 확인해 주세요.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="332"/>
        <source>복구하는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="332"/>
        <source>점검하는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="352"/>
        <source>복원할 백업 파일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="354"/>
        <source>귀농인의 집 백업 (*.gwbak);;모든 파일 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="363"/>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="375"/>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="381"/>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="392"/>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="414"/>
        <source>백업에서 복원</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="370"/>
        <source>백업에서 복원하는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="378"/>
        <source>복원을 취소했습니다. 데이터는 그대로입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="384"/>
        <source>복원했습니다: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="385"/>
        <source>복원했습니다. 화면을 새 자료로 다시 엽니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="387"/>
        <source>복원 직전 상태는 백업해 두었습니다: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/backup_panel.py" line="400"/>
        <source>이 백업의 내용으로 현재 데이터를 바꿉니다.

파일: {file}
만든 때: {when}
시군: {county}
귀농인의 집 {houses}개소, 입주자 {residents}명, 사진 {photos}장

현재 데이터는 바꾸기 전에 자동으로 백업합니다. 계속할까요?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckView</name>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="35"/>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="39"/>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="84"/>
        <source>데이터 점검</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="41"/>
        <source>고칠 수 있는 것 고치기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="46"/>
        <source>데이터베이스, 기록 사이의 연결, 사진·첨부 파일이 모두 있고 바뀌지 않았는지 확인합니다. 점검만으로는 아무것도 바꾸지 않습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="86"/>
        <source>없어졌거나 손상된 사진·첨부 파일을 백업에 있는 온전한 사본으로 되살리고, 중단된 작업이 남긴 임시 파일을 지웁니다. 바뀌는 파일의 원래 내용은 backups 폴더에 남겨 두고, 한 일은 모두 변경 기록에 남깁니다. 계속할까요?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="109"/>
        <source>복구함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="109"/>
        <source>복구 못 함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="127"/>
        <source>문제가 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="129"/>
        <source>문제 {n}건</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="131"/>
        <source>문제 {n}건을 모두 고쳤습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="133"/>
        <source>(고친 것 {n}건)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/safety/check_view.py" line="135"/>
        <source>참고 {n}건</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CountyProfilePanel</name>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/county_profile.py" line="42"/>
        <source>시·군 정보</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/county_profile.py" line="44"/>
        <source>보고서 머리와 창 제목에 쓰입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/county_profile.py" line="48"/>
        <source>시군</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/county_profile.py" line="53"/>
        <source>시도</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/county_profile.py" line="54"/>
        <source>담당자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/county_profile.py" line="56"/>
        <source>부서</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/county_profile.py" line="58"/>
        <source>전화번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/county_profile.py" line="59"/>
        <source>저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/county_profile.py" line="107"/>
        <source>저장하지 않았습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/county_profile.py" line="114"/>
        <source>저장했습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/dashboard.py" line="67"/>
        <source>대시보드</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/dashboard.py" line="69"/>
        <source>귀농인의 집 현황</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/dashboard.py" line="71"/>
        <source>숫자를 누르면 해당하는 집의 목록을 봅니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/dashboard.py" line="77"/>
        <source>전체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/dashboard.py" line="89"/>
        <source>앞으로 더할 내용</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevelopmentDialog</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="60"/>
        <source>조성사업 수정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="60"/>
        <source>새 조성사업</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="71"/>
        <source>사업연도</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="74"/>
        <source>사업명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="76"/>
        <source>시공업체</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="78"/>
        <source>공정(%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="81"/>
        <source>부진원인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="88"/>
        <source>(원)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="104"/>
        <source>사업</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="105"/>
        <source>사업비 (원)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="106"/>
        <source>일정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="118"/>
        <source>국비·도비·군비 집행은 원인행위(계약)일과 금액으로 적습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="120"/>
        <source>원인행위</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="122"/>
        <source>자부담은 실제로 낸 날과 금액으로 적습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="123"/>
        <source>자부담 집행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="151"/>
        <source>금액을 읽을 수 없는 칸이 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/development_dialog.py" line="156"/>
        <source>지원액(국비+도비+군비) {support} · 국비 {share}
총사업비 {total}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="300"/>
        <source>열기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="301"/>
        <source>파일 첨부…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="302"/>
        <source>보관…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="305"/>
        <source>두 번 누르면 PDF·사진을 기본 프로그램으로 엽니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="60"/>
        <source>가져올 관리대장 고르기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="63"/>
        <source>이 프로그램에서 내보낸 관리대장이나, 시·군에서 쓰던 Excel 관리대장(.xlsx)을 고르세요. 다음 단계에서 열마다 어떤 항목인지 정합니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="69"/>
        <source>파일을 고르세요 (.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="71"/>
        <source>찾아보기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="88"/>
        <source>관리대장 고르기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="89"/>
        <source>Excel 통합 문서 (*.xlsx *.xlsm);;모든 파일 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="108"/>
        <source>통합 문서를 여는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="109"/>
        <source>관리대장 가져오기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="325"/>
        <source>이 집과 임대차·조성사업·첨부서류의 모든 변경 (최근 것부터).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="328"/>
        <source>일시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="328"/>
        <source>입력한 사람</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="328"/>
        <source>내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="352"/>
        <source>기록된 변경이 없습니다. 예시 자료나 관리대장 가져오기로 만든 기록은 한 번의 일괄 기록으로만 남아 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseDetailPane</name>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="137"/>
        <source>목록에서 귀농인의 집을 고르면 자세한 내용이 여기에 보입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="213"/>
        <source>기본 정보</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="214"/>
        <source>운영</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="215"/>
        <source>조성사업·관리</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="216"/>
        <source>입주 이력</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="218"/>
        <source>임대차계약</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="219"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="220"/>
        <source>규칙 예외 (사유)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="353"/>
        <source>사진 {photos}장 · 점검 {inspections}회</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="363"/>
        <source>등록된 임대차계약이 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="371"/>
        <source>… 이전 {n}건은 &apos;입주자&apos; 탭에</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_pane.py" line="372"/>
        <source>입주 기록이 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseDialog</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="56"/>
        <source>귀농인의 집 수정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="56"/>
        <source>새 귀농인의 집</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="68"/>
        <source>관리번호</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="72"/>
        <source>조성유형</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="73"/>
        <source>고르세요</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="78"/>
        <source>조성연도</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="83"/>
        <source>새 운영자…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="91"/>
        <source>운영자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="95"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="99"/>
        <source>사업 취소일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="108"/>
        <source>시도</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="109"/>
        <source>시군</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="111"/>
        <source>읍면</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="113"/>
        <source>리(마을)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="114"/>
        <source>지번</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="116"/>
        <source>도로명주소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="121"/>
        <source>구조</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="126"/>
        <source>방수</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="133"/>
        <source>건축년도</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="140"/>
        <source>대지면적(m²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="147"/>
        <source>건물면적(m²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="156"/>
        <source>월 임대료(원)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="163"/>
        <source>보증금(원)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="173"/>
        <source>기본</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="174"/>
        <source>위치</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="175"/>
        <source>건물</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="176"/>
        <source>기준 임대료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="177"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/house_dialog.py" line="192"/>
        <source>(정하지 않음)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HousesPage</name>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="105"/>
        <source>귀농인의 집</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="110"/>
        <source>관리번호·읍면·리·운영자 검색</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="115"/>
        <source>여러 낱말을 띄어 쓰면 모두 들어 있는 집만 보입니다 (예: 부귀 2019).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="120"/>
        <source>새 귀농인의 집…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="121"/>
        <source>수정…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="122"/>
        <source>보관</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="123"/>
        <source>운영자…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="126"/>
        <source>연간계획…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="128"/>
        <source>엑셀로 내보내기…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="130"/>
        <source>보관된 항목 보기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="372"/>
        <source>복원</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="372"/>
        <source>보관…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="424"/>
        <source>전체 {total}개소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="426"/>
        <source>{total}개소 중 {visible}개소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="431"/>
        <source>아직 등록된 귀농인의 집이 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="433"/>
        <source>검색어나 고른 조건에 맞는 귀농인의 집이 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="435"/>
        <source>검색어에 맞는 귀농인의 집이 없습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/list_page.py" line="437"/>
        <source>목록에서 귀농인의 집을 고르면 자세한 내용이 여기에 보입니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="187"/>
        <source>가져오기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="198"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="212"/>
        <source>가져오는 중… 끝날 때까지 기다려 주세요.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="226"/>
        <source>취소하는 중… 지금까지 넣은 것을 되돌립니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="244"/>
        <source>완료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="246"/>
        <source>가져왔습니다. {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="251"/>
        <source>가져오지 못했습니다. 데이터는 그대로입니다.
{reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="255"/>
        <source>취소함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="256"/>
        <source>취소했습니다. 데이터는 가져오기 전 그대로입니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeaseDialog</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="58"/>
        <source>재계약(갱신)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="61"/>
        <source>임대차계약 수정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="64"/>
        <source>새 임대차계약</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="74"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="79"/>
        <source>시작일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="86"/>
        <source>종료일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="89"/>
        <source>무상제공은 비워 둘 수 있습니다. 기간은 시작일과 종료일을 모두 셉니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="94"/>
        <source>연 임차료(원)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="98"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="106"/>
        <source>이전 계약</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="112"/>
        <source>(새 소유주)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="115"/>
        <source>기존 소유주</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="117"/>
        <source>성명</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="121"/>
        <source>주소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="126"/>
        <source>연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="139"/>
        <source>빈집 사용승인서 첨부…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="142"/>
        <source>임대차계약서 첨부…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="145"/>
        <source>열기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="159"/>
        <source>첨부서류</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="164"/>
        <source>계약</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="165"/>
        <source>소유주</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="167"/>
        <source>첨부서류 (저장할 때 함께 보관)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="189"/>
        <source>{kind} · {name} (저장하면 첨부)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/lease_dialog.py" line="195"/>
        <source>{kind} 고르기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeaseTab</name>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="134"/>
        <source>새 임대차계약…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="135"/>
        <source>수정…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="136"/>
        <source>재계약(갱신)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="137"/>
        <source>서류 첨부…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="140"/>
        <source>재계약은 새 계약으로 더하고, 이전 계약은 이력으로 남깁니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="153"/>
        <source> (갱신)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="155"/>
        <source> → 재계약됨</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LineTable</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/line_tables.py" line="67"/>
        <source>줄 추가</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/line_tables.py" line="70"/>
        <source>줄 빼기</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="153"/>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="275"/>
        <source>귀농인의 집</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="169"/>
        <source>파일(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="170"/>
        <source>새로 고침(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="175"/>
        <source>새 귀농인의 집(&amp;N)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="179"/>
        <source>운영자 관리(&amp;O)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="182"/>
        <source>연간계획(&amp;P)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="186"/>
        <source>관리대장 가져오기(&amp;I)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="189"/>
        <source>관리대장 내보내기(&amp;E)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="193"/>
        <source>끝내기(&amp;X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="198"/>
        <source>이동(&amp;G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="205"/>
        <source>도움말(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="206"/>
        <source>정보(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="213"/>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="311"/>
        <source>데이터 폴더: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="299"/>
        <source>귀농인의 집 {total}개소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="301"/>
        <source>귀농인의 집 {total}개소 중 {visible}개소 표시</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="309"/>
        <source>귀농인의 집 조성·운영 관리 프로그램</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="314"/>
        <source>시군: {county}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/main_window.py" line="318"/>
        <source>정보</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="127"/>
        <source>열 맞추기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="130"/>
        <source>시트마다 무엇이 적혀 있는지, 열마다 어떤 항목으로 가져올지 고르세요. 비슷한 머리글은 미리 골라 두었습니다. 고른 내용은 기억해 두었다가, 같은 머리글의 관리대장을 다시 가져올 때 그대로 씁니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="171"/>
        <source>&apos;{kind}&apos; 자료를 읽을 시트를 하나만 고르세요.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="179"/>
        <source>시트 &apos;{sheet}&apos;에 꼭 필요한 항목이 없습니다: {fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="184"/>
        <source>읽을 시트를 하나 이상 고르세요.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObligationTable</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/line_tables.py" line="148"/>
        <source>고르세요</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/line_tables.py" line="175"/>
        <source>원인행위 {n}번째 줄</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperatorDialog</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="41"/>
        <source>운영자 수정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="41"/>
        <source>새 운영자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="48"/>
        <source>이름</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="50"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="50"/>
        <source>고르세요</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="54"/>
        <source>대표자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="57"/>
        <source>연락처</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="59"/>
        <source>주소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="60"/>
        <source>비고</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="93"/>
        <source>운영자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="98"/>
        <source>마을협의회 · 귀농귀촌협의회 · 시군 직영. 한 운영자가 여러 집을 운영할 수 있습니다. 운영하는 집이 없는 운영자만 보관할 수 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="113"/>
        <source>새 운영자…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="116"/>
        <source>수정…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="119"/>
        <source>보관…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="127"/>
        <source>닫기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="141"/>
        <source>없음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="168"/>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="174"/>
        <source>운영자 보관</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/operator_dialog.py" line="168"/>
        <source>보관하는 사유를 적으세요.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentTable</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/line_tables.py" line="205"/>
        <source>자부담 집행 {n}번째 줄</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="79"/>
        <source>미리 보기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="80"/>
        <source>모든 행을 확인했습니다. 고칠 곳이 있으면 가져오지 않습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="82"/>
        <source>가져오기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="103"/>
        <source>통합 문서를 읽고 확인하는 중…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="131"/>
        <source>귀농인의 집 {houses:,}개소, 입주 {stays:,}건, 임대료 납부 {payments:,}건을 새로 가져옵니다. 이미 있어 건너뛰는 것: 집 {h_known:,}, 입주 {s_known:,}, 납부 {p_known:,}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="141"/>
        <source>고칠 곳이 {n:,}군데 있어 가져올 수 없습니다. 원본 파일을 고친 뒤 다시 고르세요.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="153"/>
        <source>구분</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="153"/>
        <source>시트</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="153"/>
        <source>행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="153"/>
        <source>열</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="153"/>
        <source>내용</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="160"/>
        <source>문제 {n:,}건 (고칠 곳 {r:,})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/run_pages.py" line="174"/>
        <source>{label} (새로 {n:,})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/record_dialog.py" line="155"/>
        <source>사유를 적어야 합니다.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/record_dialog.py" line="52"/>
        <source>저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/record_dialog.py" line="56"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/record_dialog.py" line="134"/>
        <source>저장하지 않았습니다. 고칠 곳이 {n}군데 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/record_dialog.py" line="136"/>
        <source>저장하지 않았습니다. 표시한 곳을 고치세요.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterImportWizard</name>
    <message>
        <location filename="../../gwinong_desktop/ui/register/wizard.py" line="42"/>
        <source>관리대장 가져오기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/wizard.py" line="46"/>
        <source>다음 &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/wizard.py" line="47"/>
        <source>&lt; 이전</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/wizard.py" line="48"/>
        <source>취소</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/wizard.py" line="49"/>
        <source>마침</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RentTab</name>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="250"/>
        <source>월별 임대료 부과·수납·미납, 보증금 반환과 임대료 사용 내역은 &apos;임대료&apos; 화면에서 다룰 예정입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="257"/>
        <source>기준 월 임대료: &lt;b&gt;{rent}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="259"/>
        <source>기준 보증금: &lt;b&gt;{deposit}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="265"/>
        <source>지금 입주자 {name}: 월 {rent}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="267"/>
        <source>없음</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResidentsTab</name>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="210"/>
        <source>입주자</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="210"/>
        <source>세대원</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="211"/>
        <source>입주일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="211"/>
        <source>퇴거예정일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="212"/>
        <source>연장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="212"/>
        <source>퇴거일</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="213"/>
        <source>월 임대료</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="213"/>
        <source>상태</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="218"/>
        <source>입주 신청·심사, 입주계약, 연장, 퇴거와 정착 여부는 &apos;입주자&apos; 화면에서 다룰 예정입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="227"/>
        <source>거주 중</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="228"/>
        <source>입주 예정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="228"/>
        <source>퇴거</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="235"/>
        <source>입주 기록 {n}건 · 지금 거주 {c}세대</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuleValuesPanel</name>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="67"/>
        <source>프로그램 규칙 값</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="71"/>
        <source>지침(2020년) 기본값과 다른 값을 쓰는 해에만 바꾸세요. 어느 해에 정한 값은 다른 해가 바꿀 때까지 그 뒤 해에도 쓰입니다. 0이 &apos;제한 없음&apos;인 규칙도 있습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="81"/>
        <source>년</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="84"/>
        <source>저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="87"/>
        <source>되돌리기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="91"/>
        <source>연도</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="139"/>
        <source>{year}년 값</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="169"/>
        <source>지침 기본값</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="171"/>
        <source>{year}년에 정함</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="172"/>
        <source>{year}년 설정 이어받음</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="214"/>
        <source>저장하지 않았습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register_settings/rule_values.py" line="226"/>
        <source>{year}년 규칙 값을 저장했습니다 (바뀐 값 {n}개).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/settings.py" line="64"/>
        <source>설정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/settings.py" line="78"/>
        <source>시군 정보</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/settings.py" line="79"/>
        <source>연도별 사업 기준값</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/settings.py" line="80"/>
        <source>백업·복원·데이터 점검</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/settings.py" line="84"/>
        <source>사용자 계정</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/settings.py" line="85"/>
        <source>보안·접속 기록</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="282"/>
        <source>점검 기록과 지적사항·조치결과, 착공 전·준공 후 사진첩은 &apos;점검·사진&apos; 화면에서 다룰 예정입니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="289"/>
        <source>사진 {photos}장 · 점검 {inspections}회</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WarningsDialog</name>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/warnings_dialog.py" line="61"/>
        <source>규칙 확인</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/warnings_dialog.py" line="71"/>
        <source>아래 규칙에 맞지 않습니다. 고치려면 &apos;돌아가서 고치기&apos;를 누르세요. 그대로 저장하려면 규칙마다 사유를 적으세요. 사유는 기록으로 남습니다.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/warnings_dialog.py" line="93"/>
        <source>사유를 적고 저장</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/warnings_dialog.py" line="97"/>
        <source>돌아가서 고치기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/warnings_dialog.py" line="121"/>
        <source>근거: {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/warnings_dialog.py" line="133"/>
        <source>입력한 값: {value}  ·  기준: {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/forms/warnings_dialog.py" line="143"/>
        <source>그래도 저장하는 사유를 적으세요</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorksTab</name>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="174"/>
        <source>새 조성사업…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="175"/>
        <source>수정…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/houses/detail_tabs.py" line="178"/>
        <source>금액 단위: 천원. 집행은 보조금 원인행위액과 자부담 실집행액.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Card</name>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/dashboard.py" line="34"/>
        <source>눌러서 귀농인의 집 목록에서 보기</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/pages/dashboard.py" line="46"/>
        <source>{n}개소</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_SheetEditor</name>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="206"/>
        <source>머리글: {row}행 · 자료 약 {rows:,}행</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="211"/>
        <source>이 시트의 자료:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="217"/>
        <source>원본 열</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="217"/>
        <source>예시 값</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gwinong_desktop/ui/register/pages.py" line="217"/>
        <source>가져올 항목</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
